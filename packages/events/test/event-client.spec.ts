import type { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { expect } from 'chai';
import type { EachBatchPayload, Kafka, KafkaMessage, ProducerBatch, ProducerRecord } from 'kafkajs';
import { pino } from 'pino';
import {
  DeadLetterHeaders,
  DeadLetterTopicMissingError,
  EventClient,
  headerText,
  toHeaders,
  type MessageContext,
} from '../src/index.ts';

interface Greetings {
  greeting: { text: string };
}
const schemas = {
  greeting: {
    type: 'record',
    name: 'Greeting',
    namespace: 'test',
    fields: [{ name: 'text', type: 'string' }],
  },
};
const prefix = 'test.suite.0a1b2c3d.';

/**
 * Kafka as far as the event client uses it, recording what it is asked: sends per topic, the topics
 * a consumer subscribes to; `deliver` hands the running consumer a message as the broker would.
 */
function fakeKafka(existingTopics: readonly string[]) {
  const sent: ProducerRecord[] = [];
  const subscribed: string[] = [];
  let eachBatch: ((payload: EachBatchPayload) => Promise<void>) | undefined;
  const listeners = new Map<string, (event: unknown) => void>();
  const kafka = {
    producer: () => ({
      connect: () => Promise.resolve(),
      disconnect: () => Promise.resolve(),
      send: (record: ProducerRecord) => {
        sent.push(record);
        return Promise.resolve([]);
      },
      sendBatch: ({ topicMessages, acks }: ProducerBatch) => {
        for (const { topic, messages } of topicMessages ?? [])
          sent.push({ topic, messages, ...(acks === undefined ? {} : { acks }) });
        return Promise.resolve([]);
      },
    }),
    admin: () => ({
      connect: () => Promise.resolve(),
      disconnect: () => Promise.resolve(),
      listTopics: () => Promise.resolve([...existingTopics]),
      fetchTopicMetadata: ({ topics }: { topics: string[] }) =>
        Promise.resolve({ topics: topics.map((name) => ({ name, partitions: [{ partitionId: 0 }] })) }),
    }),
    consumer: () => ({
      events: { GROUP_JOIN: 'group-join', CRASH: 'crash', REBALANCING: 'rebalancing', STOP: 'stop' },
      on: (event: string, listener: (event: unknown) => void) => {
        listeners.set(event, listener);
      },
      connect: () => Promise.resolve(),
      disconnect: () => Promise.resolve(),
      pause: () => undefined,
      resume: () => undefined,
      describeGroup: () => Promise.resolve({ members: [{ memberId: 'member-1' }] }),
      subscribe: ({ topics }: { topics: string[] }) => {
        subscribed.push(...topics);
        return Promise.resolve();
      },
      run: (config: { eachBatch: (payload: EachBatchPayload) => Promise<void> }) => {
        eachBatch = config.eachBatch;
        // Joined, alone, and given the one partition of every topic before it was asked.
        listeners.get('group-join')?.({
          payload: {
            memberId: 'member-1',
            memberAssignment: Object.fromEntries(subscribed.map((t) => [t, [0]])),
          },
        });
        return Promise.resolve();
      },
    }),
  };
  const deliver = async (topic: string, value: Buffer) => {
    if (!eachBatch) throw new Error('the consumer is not running');
    const message = {
      key: Buffer.from('order-1'),
      value,
      offset: '0',
      timestamp: '0',
      attributes: 0,
      headers: toHeaders({
        id: 'message-1',
        type: 'test.Greeting',
        source: '/tests',
        time: new Date(),
        specversion: '1.0',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      }),
    } as KafkaMessage;
    // A batch of one message, as kafkajs hands a partition's fetch to eachBatch.
    await eachBatch({
      batch: { topic, partition: 0, messages: [message] },
      resolveOffset: () => undefined,
      heartbeat: () => Promise.resolve(),
      commitOffsetsIfNecessary: () => Promise.resolve(),
      isRunning: () => true,
      isStale: () => false,
    } as unknown as EachBatchPayload);
  };
  return { kafka: kafka as unknown as Kafka, sent, subscribed, deliver };
}

/** A registry that knows every schema as id 7, and whose wire format is the Confluent header plus JSON. */
function fakeRegistry() {
  const subjects: string[] = [];
  const registry = {
    getRegistryIdBySchema: (subject: string) => {
      subjects.push(subject);
      return Promise.resolve(7);
    },
    encode: (_id: number, value: unknown) =>
      Promise.resolve(Buffer.concat([Buffer.from([0, 0, 0, 0, 7]), Buffer.from(JSON.stringify(value))])),
    decode: (buffer: Buffer) => Promise.resolve(JSON.parse(buffer.subarray(5).toString()) as unknown),
  };
  return { registry: registry as unknown as SchemaRegistry, subjects };
}

function client(kafka: Kafka, registry: SchemaRegistry) {
  return new EventClient<Greetings>({
    kafka,
    registry,
    registryUrl: 'http://registry.test',
    schemas,
    avroOptions: {},
    subjectOf: (topic) => `${topic}-value`,
    source: '/tests',
    logger: pino({ level: 'silent' }),
    topicPrefix: prefix,
  });
}

const encoded = (value: unknown) =>
  Buffer.concat([Buffer.from([0, 0, 0, 0, 7]), Buffer.from(JSON.stringify(value))]);

describe('EventClient in a topic namespace', () => {
  it('publishes to the prefixed topic', async () => {
    const kafka = fakeKafka([]);
    const events = client(kafka.kafka, fakeRegistry().registry);
    await events.connect({ publishes: ['greeting'] });
    await events.publish('greeting', 'order-1', { text: 'hello' });
    expect(kafka.sent.map((record) => record.topic)).to.deep.equal([`${prefix}greeting`]);
  });

  it('checks the logical subject, so that every namespace shares the registered schemas', async () => {
    const { registry, subjects } = fakeRegistry();
    const events = client(fakeKafka([]).kafka, registry);
    await events.connect({ publishes: ['greeting'] });
    expect(subjects).to.deep.equal(['greeting-value']);
  });

  it('subscribes to the prefixed topic and hands its messages to the handler of the logical topic', async () => {
    const kafka = fakeKafka([`${prefix}greeting`, `${prefix}greeting.dlq`]);
    const events = client(kafka.kafka, fakeRegistry().registry);
    const handled: { value: { text: string }; context: MessageContext }[] = [];
    events.subscribe('greeting', (value, context) => {
      handled.push({ value, context });
      return Promise.resolve();
    });
    await events.start('test-group');
    await kafka.deliver(`${prefix}greeting`, encoded({ text: 'hello' }));

    expect(kafka.subscribed).to.deep.equal([`${prefix}greeting`]);
    expect(handled.map((h) => h.value)).to.deep.equal([{ text: 'hello' }]);
    expect(handled[0]?.context.topic).to.equal('greeting');
  });

  it("refuses to start without the namespace's dead-letter topic, naming it as the broker would", async () => {
    // The un-prefixed one exists (the running stack's), and does not count.
    const events = client(fakeKafka(['greeting.dlq']).kafka, fakeRegistry().registry);
    events.subscribe('greeting', () => Promise.resolve());
    const error = await events.start('test-group').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(DeadLetterTopicMissingError);
    expect((error as DeadLetterTopicMissingError).topics).to.deep.equal([`${prefix}greeting.dlq`]);
  });

  it("dead-letters to the namespace's .dlq, recording the logical topic it came from", async () => {
    const kafka = fakeKafka([`${prefix}greeting`, `${prefix}greeting.dlq`]);
    const events = client(kafka.kafka, fakeRegistry().registry);
    events.subscribe('greeting', () => Promise.resolve());
    await events.start('test-group');
    // Not Avro in Confluent's wire format: undecodable, a permanent failure.
    await kafka.deliver(`${prefix}greeting`, Buffer.from('not avro'));

    expect(kafka.sent.map((record) => record.topic)).to.deep.equal([`${prefix}greeting.dlq`]);
    const headers = kafka.sent[0]?.messages[0]?.headers ?? {};
    expect(headerText(headers[DeadLetterHeaders.originalTopic])).to.equal('greeting');
  });
});
