import { expect } from 'chai';
import {
  latestReplays,
  parseReplayLogEntry,
  replayLogMessage,
  replayLogTopicConfig,
  replayLogTopicOf,
  type ReplayLogEntry,
} from '../src/index.ts';

const entry = (offset: string, to: string, at: string): ReplayLogEntry => ({
  from: { topic: 'order.confirm.dlq', partition: 0, offset },
  to: { topic: 'order.confirm', partition: 1, offset: to },
  at,
});

describe('replay log', () => {
  it('sits beside its .dlq topic, compacted, one partition', () => {
    expect(replayLogTopicOf('order.confirm.dlq')).to.equal('order.confirm.dlq.replays');
    expect(replayLogTopicConfig.partitions).to.equal(1);
    expect(replayLogTopicConfig.configEntries).to.deep.include({ name: 'cleanup.policy', value: 'compact' });
  });

  it('keys each replay by the dead letter, so compaction keeps its newest, and reads it back', () => {
    const written = replayLogMessage(entry('7', '40', '2026-03-01T10:00:00.000Z'));
    expect(written.key).to.equal('0/7');
    expect(parseReplayLogEntry({ value: Buffer.from(String(written.value)) })).to.deep.equal(
      entry('7', '40', '2026-03-01T10:00:00.000Z'),
    );
  });

  it('reads a tombstone or a record that is no entry as nothing', () => {
    expect(parseReplayLogEntry({ value: null })).to.equal(undefined);
    expect(parseReplayLogEntry({ value: Buffer.from('not json') })).to.equal(undefined);
    expect(parseReplayLogEntry({ value: Buffer.from('{"from":{"topic":"t"}}') })).to.equal(undefined);
  });

  it('knows each dead letter by its newest replay', () => {
    const latest = latestReplays([
      entry('7', '40', '2026-03-01T10:00:00.000Z'),
      entry('8', '41', '2026-03-01T10:00:01.000Z'),
      entry('7', '55', '2026-03-01T11:00:00.000Z'),
    ]);
    expect(latest.get('0/7')).to.deep.equal({
      at: '2026-03-01T11:00:00.000Z',
      to: { topic: 'order.confirm', partition: 1, offset: '55' },
    });
    expect(latest.get('0/8')?.to.offset).to.equal('41');
    expect(latest.has('0/9')).to.equal(false);
  });
});
