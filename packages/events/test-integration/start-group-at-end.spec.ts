import { expect } from 'chai';
import type { Producer } from 'kafkajs';
import { createTestNamespace, type TestNamespace } from '@saga/testing';
import { startGroupAtEnd } from '../src/index.ts';

/**
 * A group positioned at the end of its topic reads what comes after, and nothing from before. In a
 * test namespace: the topic is the suite's own, so what the group reads is only what the test sent,
 * and positioning goes through the topic prefix as a namespaced service's would.
 */
describe('startGroupAtEnd (Kafka)', function () {
  this.timeout(60_000);
  const topic = 'order.confirm';
  let ns: TestNamespace;
  let producer: Producer;

  before(async () => {
    ns = await createTestNamespace('events-start-group-at-end');
    producer = ns.kafka.producer();
    await producer.connect();
    ns.cleanup(() => producer.disconnect());
  });
  after(() => ns.close());

  const send = (value: string) => producer.send({ topic: ns.physicalTopic(topic), messages: [{ value }] });

  it('makes a new group read only what is published after it was positioned', async () => {
    const groupId = ns.groupId('reader');
    await send('before');
    await startGroupAtEnd(ns.kafka, groupId, [topic], { topicPrefix: ns.prefix });
    await send('after');

    const consumer = ns.kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    const seen: string[] = [];
    try {
      await consumer.connect();
      // fromBeginning is what the event client asks for; the committed offsets must win over it.
      await consumer.subscribe({ topics: [ns.physicalTopic(topic)], fromBeginning: true });
      const afterSeen = new Promise<void>((resolve) => {
        void consumer.run({
          eachMessage: ({ message }) => {
            seen.push(message.value?.toString() ?? '');
            if (seen.includes('after')) resolve();
            return Promise.resolve();
          },
        });
      });
      await afterSeen;
    } finally {
      await consumer.disconnect();
    }
    expect(seen).to.deep.equal(['after']);
  });
});
