import type { TopicMessageMap, TopicName } from '@saga/contracts';
import type { EventClient, MessageContext } from '@saga/events';
import { waitFor } from './wait-for.ts';

/** A message a listener received: its logical topic, typed value and context. */
export type Received<T extends TopicName = TopicName> = {
  [K in T]: { readonly topic: K; readonly value: TopicMessageMap[K]; readonly context: MessageContext };
}[T];

/** How a listener counts what it receives. */
export interface TestListenerOptions {
  /**
   * Keep every delivery, a repeated message id included (default: once per id). For a test of the
   * sender's at-least-once itself: an outbox relay that sends again what it sent before a crash.
   */
  readonly keepRepeats?: boolean;
}

/**
 * Plays a service's ears: a consumer of `topics` in a group of its own that keeps every message it
 * receives, once per message id (delivery is at least once, and an outbox relay may send one twice;
 * a consumer dedupes by id, so a test counts as one), or every delivery when asked to. The
 * namespace makes it and stops it.
 */
export class TestListener<T extends TopicName> {
  /** What arrived so far, in arrival order. */
  readonly received: Received<T>[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly client: EventClient<TopicMessageMap>,
    readonly topics: readonly T[],
    options: TestListenerOptions = {},
  ) {
    for (const topic of topics) {
      client.subscribe(topic, (value, context) => {
        if (this.seen.has(context.id) && !options.keepRepeats) return Promise.resolve();
        this.seen.add(context.id);
        this.received.push({ topic, value, context });
        return Promise.resolve();
      });
    }
  }

  /** Joins `groupId` and starts receiving (from the beginning: the namespace's topics hold only its suite's messages). */
  start(groupId: string): Promise<void> {
    return this.client.start(groupId);
  }

  /** The messages with `key` (an order id, mostly), optionally only those of `topic`. */
  forKey<K extends T = T>(key: string, topic?: K): Received<K>[] {
    return this.received.filter(
      (r): r is Received<K> => r.context.key === key && (topic === undefined || r.topic === topic),
    );
  }

  /** The messages with `key` on `topic`, once there are `count` of them. */
  async waitFor<K extends T>(key: string, topic: K, count = 1, timeoutMs?: number): Promise<Received<K>[]> {
    await waitFor(`${count} ${topic} for ${key}`, () => this.forKey(key, topic).length >= count, timeoutMs);
    return this.forKey(key, topic);
  }

  stop(): Promise<void> {
    return this.client.disconnect();
  }
}
