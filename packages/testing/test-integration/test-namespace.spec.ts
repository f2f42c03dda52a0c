import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { Topics } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import { withAdmin, type KafkaCluster } from '@saga/events';
import { createTestNamespace, settle, waitFor, type TestNamespace } from '../src/index.ts';

/** The keys of the messages at [from, to) of each partition of a broker topic, read by a throwaway group. */
async function keysBetween(
  kafka: KafkaCluster,
  groupId: string,
  topic: string,
  ranges: readonly { partition: number; from: bigint; to: bigint }[],
): Promise<string[]> {
  const wanted = ranges.filter((r) => r.to > r.from);
  if (wanted.length === 0) return [];
  const keys: string[] = [];
  const pending = new Set(wanted.map((r) => r.partition));
  const consumer = await kafka.consumer({
    groupId,
    topics: [topic],
    from: wanted.map((r) => ({ topic, partition: r.partition, offset: r.from })),
    onRecord: ({ partition, offset, key }) => {
      const range = wanted.find((r) => r.partition === partition);
      const at = BigInt(offset);
      if (range && at >= range.from && at < range.to) keys.push(key?.toString() ?? '');
      if (range && at >= range.to - 1n) pending.delete(partition);
    },
  });
  try {
    await waitFor(`reading ${topic}`, () => pending.size === 0);
  } finally {
    await consumer.stop();
  }
  return keys;
}

function ends(kafka: KafkaCluster, topic: string): Promise<Map<number, bigint>> {
  return withAdmin(
    kafka,
    async (admin) => new Map((await admin.topicOffsets(topic)).map((p) => [p.partition, p.end])),
  );
}

describe('a test namespace (Kafka + registry + store)', function () {
  this.timeout(120_000);
  let a: TestNamespace;
  let b: TestNamespace;

  before(async () => {
    [a, b] = await Promise.all([createTestNamespace('isolation-a'), createTestNamespace('isolation-b')]);
  });
  after(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('delivers what is published in it to its own consumers only: not to another namespace, not to the un-prefixed topic', async () => {
    const [inA, inB, publishA, publishB] = await Promise.all([
      a.listen(['order.confirm']),
      b.listen(['order.confirm']),
      a.publisher(['order.confirm']),
      b.publisher(['order.confirm']),
    ]);
    const keyA = randomUUID();
    const keyB = randomUUID();
    const before = await ends(a.kafka, 'order.confirm');

    await publishA.publish('order.confirm', keyA, { ...topicSamples['order.confirm'], orderId: keyA });
    await publishB.publish('order.confirm', keyB, { ...topicSamples['order.confirm'], orderId: keyB });
    const [receivedA] = await inA.waitFor(keyA, 'order.confirm');
    // B's listener is demonstrably consuming its topic: it got B's message, published after A's.
    await inB.waitFor(keyB, 'order.confirm');
    await settle(1000);
    const after = await ends(a.kafka, 'order.confirm');

    expect(receivedA?.context.topic, 'the code sees the logical topic').to.equal('order.confirm');
    expect(inA.received.map((r) => r.context.key)).to.deep.equal([keyA]);
    expect(inB.received.map((r) => r.context.key)).to.deep.equal([keyB]);
    // The shared topic may grow meanwhile (the running stack's orders); none of what it got is ours.
    const shared = await keysBetween(
      a.kafka,
      a.groupId('shared-topic-reader'),
      'order.confirm',
      [...after].map(([partition, to]) => ({ partition, from: before.get(partition) ?? 0n, to })),
    );
    expect(shared).not.to.include.members([keyA]);
    expect(shared).not.to.include.members([keyB]);
  });

  it('has a listener count a message id once, or every delivery when it keeps repeats', async () => {
    const [once, every, publisher] = await Promise.all([
      a.listen(['order.created']),
      a.listen(['order.created'], { keepRepeats: true }),
      a.publisher(['order.created']),
    ]);
    const key = randomUUID();
    const value = { ...topicSamples['order.created'], orderId: key };
    const id = randomUUID();
    await publisher.publish('order.created', key, value, { id });
    await publisher.publish('order.created', key, value, { id }); // sent again, as after a crash
    const next = await publisher.publish('order.created', key, value);

    // One key, one partition: once the last message arrived, the repeat before it did too.
    await every.waitFor(key, 'order.created', 3);
    await once.waitFor(key, 'order.created', 2);
    expect(every.forKey(key).map((r) => r.context.id)).to.deep.equal([id, id, next.id]);
    expect(once.forKey(key).map((r) => r.context.id)).to.deep.equal([id, next.id]);
  });

  it('takes its topics, consumer groups and databases away on close', async () => {
    const c = await createTestNamespace('isolation-c');
    // Closed by the test itself; this is only for a test that failed before it did.
    b.cleanup(() => c.close());
    const dbName = c.dbName('store');
    const db = await c.connectDatabase(dbName);
    await db.collection('things').insertOne({ _id: randomUUID() } as never);
    const listener = await c.listen(['order.created']);
    const publisher = await c.publisher(['order.created']);
    const key = randomUUID();
    await publisher.publish('order.created', key, { ...topicSamples['order.created'], orderId: key });
    await listener.waitFor(key, 'order.created');

    await withAdmin(c.kafka, async (admin) => {
      const ofC = (names: readonly string[]) => names.filter((n) => n.startsWith(c.prefix));
      expect(ofC(await admin.listTopics())).to.have.length(
        2 * Object.values(Topics).length,
        'every platform topic and its .dlq',
      );
      expect(ofC(await admin.listGroups())).to.have.length(1);

      await c.close();

      await waitFor('the topics to be gone', async () => ofC(await admin.listTopics()).length === 0);
      expect(ofC(await admin.listGroups())).to.deep.equal([]);
    });
    const other = await b.connectDatabase(b.dbName('lister'));
    const databases = await other.db?.admin().listDatabases();
    expect(databases?.databases.map((d) => d.name)).not.to.include(dbName);
  });
});
