import { expect } from 'chai';
import { planReplayAll, type DeadLetter } from '../src/index.ts';

const at = (offset: string, more: Partial<DeadLetter> = {}) =>
  ({
    topic: 'order.confirm.dlq',
    partition: 0,
    offset,
    replayed: null,
    replayOf: null,
    ...more,
  }) as DeadLetter;

const replayed = {
  at: '2026-03-01T10:00:00.000Z',
  to: { topic: 'order.confirm', partition: 2, offset: '40' },
};
const replayOf = {
  topic: 'order.confirm.dlq',
  partition: 0,
  offset: '1',
  at: '2026-03-01T10:00:00.000Z',
  count: 1,
};

describe('planReplayAll', () => {
  it('sends every dead letter that was never replayed and is no replay, in order', () => {
    const plan = planReplayAll([at('1'), at('2')]);
    expect(plan.send.map((l) => l.offset)).to.deep.equal(['1', '2']);
    expect(plan.skipped).to.deep.equal([]);
  });

  it('skips a dead letter already replayed, saying where it went', () => {
    const plan = planReplayAll([at('1', { replayed }), at('2')], { includeReplays: true });
    expect(plan.send.map((l) => l.offset)).to.deep.equal(['2']);
    expect(plan.skipped).to.deep.equal([
      {
        deadLetter: { topic: 'order.confirm.dlq', partition: 0, offset: '1' },
        reason: 'already-replayed',
        message: 'already replayed to order.confirm/2/40 at 2026-03-01T10:00:00.000Z',
      },
    ]);
  });

  it('skips a replay that failed again unless replays are included', () => {
    const letters = [at('1', { replayed }), at('5', { replayOf })];
    const plan = planReplayAll(letters);
    expect(plan.send).to.deep.equal([]);
    expect(plan.skipped.map((s) => [s.deadLetter.offset, s.reason])).to.deep.equal([
      ['1', 'already-replayed'],
      ['5', 'is-a-replay'],
    ]);
    expect(plan.skipped[1]?.message).to.contain('is replay 1 of order.confirm.dlq/0/1');
    expect(planReplayAll(letters, { includeReplays: true }).send.map((l) => l.offset)).to.deep.equal(['5']);
  });

  it('never sends a replay that failed again and was itself replayed already', () => {
    const plan = planReplayAll([at('5', { replayOf, replayed })], { includeReplays: true });
    expect(plan.send).to.deep.equal([]);
    expect(plan.skipped[0]?.reason).to.equal('already-replayed');
  });
});
