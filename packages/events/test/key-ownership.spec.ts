import { expect } from 'chai';
import { AssignerProtocol, Partitioners, type Cluster, type PartitionMetadata } from 'kafkajs';
import { KeyAffinityAssigner } from '../src/key-affinity-assigner.ts';
import { PartitionOwnership } from '../src/key-ownership.ts';

const topics = ['order.created', 'inventory.reserved'];
const counts = new Map(topics.map((topic) => [topic, 4]));
const all = { 'order.created': [0, 1, 2, 3], 'inventory.reserved': [0, 1, 2, 3] };

/** The partition the producer gives `key` on a topic of `count` partitions. */
function producerPartition(key: string, count: number): number {
  const metadata = Array.from({ length: count }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    partitionErrorCode: 0,
    replicas: [0],
    isr: [0],
  }));
  return Partitioners.DefaultPartitioner()({
    topic: 'any',
    partitionMetadata: metadata,
    message: { key, value: null },
  });
}

/** A key that the producer puts on `partition` of a 4-partition topic. */
function keyOn(partition: number): string {
  for (let n = 0; ; n++) if (producerPartition(`order-${n}`, 4) === partition) return `order-${n}`;
}

function ownership(): PartitionOwnership {
  const owned = new PartitionOwnership();
  owned.setPartitionCounts(counts);
  return owned;
}

describe('PartitionOwnership', () => {
  it('owns nothing before the first join', () => {
    expect(ownership().owns(keyOn(0))).to.equal(false);
  });

  it('owns a gained partition’s keys only once its grace is settled, and pauses it until then', () => {
    const owned = ownership();
    const { generation, pause } = owned.joined('m1', all);
    expect(pause).to.deep.equal(all);
    expect(owned.owns(keyOn(2))).to.equal(false);
    expect(owned.settle(generation)).to.deep.equal(all);
    expect(owned.owns(keyOn(2))).to.equal(true);
  });

  it('owns a key only when its partition is assigned in every consumed topic', () => {
    const owned = ownership();
    const { generation } = owned.joined('m1', { 'order.created': [0, 1], 'inventory.reserved': [1] });
    owned.settle(generation);
    expect(owned.owns(keyOn(1))).to.equal(true);
    expect(owned.owns(keyOn(0))).to.equal(false);
    expect(owned.owns(keyOn(3))).to.equal(false);
  });

  it('owns nothing from the moment a rebalance begins', () => {
    const owned = ownership();
    owned.settle(owned.joined('m1', all).generation);
    owned.revoked();
    expect(owned.owns(keyOn(0))).to.equal(false);
  });

  it('owns the partitions it keeps as the same member again at once, and pauses only the new ones', () => {
    const owned = ownership();
    owned.settle(owned.joined('m1', { 'order.created': [0, 1], 'inventory.reserved': [0, 1] }).generation);
    owned.revoked();
    const { pause } = owned.joined('m1', { 'order.created': [1, 2], 'inventory.reserved': [1, 2] });
    expect(pause).to.deep.equal({ 'order.created': [2], 'inventory.reserved': [2] });
    expect(owned.owns(keyOn(1))).to.equal(true);
    expect(owned.owns(keyOn(2))).to.equal(false);
  });

  it('gains everything afresh as a new member (its old membership expired)', () => {
    const owned = ownership();
    owned.settle(owned.joined('m1', all).generation);
    owned.revoked();
    const { pause } = owned.joined('m2', all);
    expect(pause).to.deep.equal(all);
    expect(owned.owns(keyOn(0))).to.equal(false);
  });

  it('keeps a partition still in its grace paused through another rebalance, and never owns it early', () => {
    const owned = ownership();
    const first = owned.joined('m1', all);
    owned.revoked();
    const second = owned.joined('m1', all);
    expect(second.pause).to.deep.equal(all);
    expect(second.resume).to.deep.equal({});
    expect(owned.settle(first.generation)).to.deep.equal({});
    expect(owned.owns(keyOn(0))).to.equal(false);
    expect(owned.settle(second.generation)).to.deep.equal(all);
    expect(owned.owns(keyOn(0))).to.equal(true);
  });

  it('resumes a partition paused for its grace when a later join takes it away', () => {
    const owned = ownership();
    owned.joined('m1', all);
    owned.revoked();
    const { resume } = owned.joined('m1', { 'order.created': [0, 1], 'inventory.reserved': [0, 1] });
    expect(resume).to.deep.equal({ 'order.created': [2, 3], 'inventory.reserved': [2, 3] });
  });

  it('tells its listeners when keys become owned', () => {
    const owned = ownership();
    let told = 0;
    owned.onGained(() => told++);
    owned.settle(owned.joined('m1', all).generation);
    expect(told).to.equal(1);
  });

  it('owns nothing after the consumer stopped', () => {
    const owned = ownership();
    owned.settle(owned.joined('m1', all).generation);
    owned.reset();
    expect(owned.owns(keyOn(0))).to.equal(false);
  });
});

describe('KeyAffinityAssigner', () => {
  const cluster = {
    findTopicPartitionMetadata: (): PartitionMetadata[] =>
      [0, 1, 2, 3].map((partitionId) => ({
        partitionId,
        leader: 0,
        partitionErrorCode: 0,
        replicas: [0],
        isr: [0],
      })),
  } as unknown as Cluster;

  it('gives partition p of every topic to the same member', async () => {
    const assigner = KeyAffinityAssigner({ cluster, groupId: 'g', logger: undefined as never });
    const members = ['b', 'a'].map((memberId) => ({ memberId, memberMetadata: Buffer.alloc(0) }));
    const assigned = await assigner.assign({ members, topics });
    const byMember = Object.fromEntries(
      assigned.map(({ memberId, memberAssignment }) => [
        memberId,
        AssignerProtocol.MemberAssignment.decode(memberAssignment)?.assignment,
      ]),
    );
    expect(byMember).to.deep.equal({
      a: { 'order.created': [0, 2], 'inventory.reserved': [0, 2] },
      b: { 'order.created': [1, 3], 'inventory.reserved': [1, 3] },
    });
  });
});
