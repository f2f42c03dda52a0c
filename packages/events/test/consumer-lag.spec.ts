import { expect } from 'chai';
import { readConsumerLag } from '../src/consumer-lag.ts';

/** An admin that answers from tables: the group's commits and each topic's start and end offsets. */
function admin(
  commits: Record<string, Record<number, string>>,
  ends: Record<string, { partition: number; low: string; high: string }[]>,
) {
  const asked: string[][] = [];
  return {
    asked,
    fetchOffsets: ({ topics }: { groupId: string; topics?: string[] }) => {
      asked.push(topics ?? []);
      return Promise.resolve(
        (topics ?? []).map((topic) => ({
          topic,
          partitions: Object.entries(commits[topic] ?? {}).map(([partition, offset]) => ({
            partition: Number(partition),
            offset,
            metadata: null,
          })),
        })),
      );
    },
    fetchTopicOffsets: (topic: string) =>
      Promise.resolve((ends[topic] ?? []).map((end) => ({ ...end, offset: end.high }))),
  };
}

describe('readConsumerLag', () => {
  it('is each partition’s end minus the group’s committed offset, by logical topic name', async () => {
    const kafka = admin(
      { 'ns.order.created': { 0: '10', 1: '4' } },
      {
        'ns.order.created': [
          { partition: 0, low: '0', high: '10' },
          { partition: 1, low: '0', high: '9' },
        ],
      },
    );
    const lags = await readConsumerLag(kafka, 'g', [
      { physical: 'ns.order.created', logical: 'order.created' },
    ]);
    expect(lags).to.deep.equal([
      { topic: 'order.created', partition: 0, lag: 0 },
      { topic: 'order.created', partition: 1, lag: 5 },
    ]);
    expect(kafka.asked).to.deep.equal([['ns.order.created']]);
  });

  it('counts everything still on a partition the group never committed on', async () => {
    const kafka = admin(
      { t: { 0: '-1' } },
      {
        t: [
          { partition: 0, low: '3', high: '8' },
          { partition: 1, low: '2', high: '2' },
        ],
      },
    );
    const lags = await readConsumerLag(kafka, 'g', [{ physical: 't', logical: 't' }]);
    expect(lags.map((l) => l.lag)).to.deep.equal([5, 0]);
  });

  it('asks nothing when the group consumes no topic', async () => {
    const kafka = admin({}, {});
    expect(await readConsumerLag(kafka, 'g', [])).to.deep.equal([]);
    expect(kafka.asked).to.deep.equal([]);
  });
});
