import type { Message, Producer } from 'kafkajs';

interface Gathering {
  readonly byTopic: Map<string, Message[]>;
  readonly sent: Promise<void>;
}

/**
 * The producer's `linger.ms`, which kafkajs lacks: messages handed in within `lingerMs` of the first
 * one go to the broker in one `sendBatch`, whatever their topic, and every caller's promise settles
 * with that one send. With `lingerMs` 0 each call is its own `send`.
 */
export class LingerSender {
  private gathering: Gathering | undefined;

  constructor(
    private readonly producer: Producer,
    private readonly lingerMs: number,
  ) {}

  send(topic: string, messages: Message[]): Promise<void> {
    if (this.lingerMs <= 0) return this.producer.send({ topic, messages }).then(() => undefined);
    const gathering = (this.gathering ??= this.gather());
    const list = gathering.byTopic.get(topic);
    if (list) list.push(...messages);
    else gathering.byTopic.set(topic, [...messages]);
    return gathering.sent;
  }

  private gather(): Gathering {
    const byTopic = new Map<string, Message[]>();
    const sent = new Promise<void>((resolve, reject) => {
      setTimeout(() => {
        this.gathering = undefined;
        this.producer
          .sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) })
          .then(() => {
            resolve();
          }, reject);
      }, this.lingerMs);
    });
    return { byTopic, sent };
  }
}
