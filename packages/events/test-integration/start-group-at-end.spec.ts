import { expect } from 'chai';
import { createTestNamespace, type TestNamespace } from '@saga/testing';
import { startGroupAtEnd, type RawProducer } from '../src/index.ts';

/**
 * A group positioned at the end of its topic reads what comes after, and nothing from before. In a
 * test namespace: the topic is the suite's own, so what the group reads is only what the test sent,
 * and positioning goes through the topic prefix as a namespaced service's would.
 */
describe('startGroupAtEnd (Kafka)', function () {
  this.timeout(60_000);
  const topic = 'order.confirm';
  let ns: TestNamespace;
  let producer: RawProducer;

  before(async () => {
    ns = await createTestNamespace('events-start-group-at-end');
    producer = await ns.kafka.producer();
    ns.cleanup(() => producer.disconnect());
  });
  after(() => ns.close());

  const send = (value: string) => producer.send(ns.physicalTopic(topic), [{ value }]);

  it('makes a new group read only what is published after it was positioned', async () => {
    const groupId = ns.groupId('reader');
    await send('before');
    await startGroupAtEnd(ns.kafka, groupId, [topic], { topicPrefix: ns.prefix });
    await send('after');

    const seen: string[] = [];
    let afterSeen!: () => void;
    const seenAfter = new Promise<void>((resolve) => (afterSeen = resolve));
    // From the beginning, as the event client asks: the committed offsets must win over it.
    const consumer = await ns.kafka.consumer({
      groupId,
      topics: [ns.physicalTopic(topic)],
      from: 'beginning',
      onRecord: ({ value }) => {
        seen.push(value?.toString() ?? '');
        if (seen.includes('after')) afterSeen();
      },
    });
    try {
      await seenAfter;
    } finally {
      await consumer.stop();
    }
    expect(seen).to.deep.equal(['after']);
  });
});
