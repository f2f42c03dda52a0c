import { expect } from 'chai';
import type { StepState } from '@saga/saga-engine';
import type { StepRecord } from '../src/saga-document.ts';
import { engineStep, pendingRecord, stepRecords } from '../src/index.ts';

const t0 = new Date('2025-03-04T10:00:00.000Z');
const t1 = new Date('2025-03-04T10:00:01.000Z');
const t2 = new Date('2025-03-04T10:00:02.000Z');
const t3 = new Date('2025-03-04T10:00:03.000Z');
const names = ['reserve', 'pay', 'commit'];

/** Engine step states: ACTIVE and COMPENSATING ones sent once, with a deadline 10 s after `at`. */
const states = (at: Date, ...statuses: StepState['status'][]): StepState[] =>
  statuses.map((status, index) => {
    const awaiting = status === 'ACTIVE' || status === 'COMPENSATING';
    return {
      name: names[index] ?? `step${index}`,
      status,
      attempts: awaiting ? 1 : 0,
      deadlineAt: awaiting ? at.getTime() + 10_000 : null,
    };
  });

const in10s = (at: Date) => new Date(at.getTime() + 10_000);

describe('stepRecords', () => {
  it('starts a saga with every step pending but the first, whose command is sent once, now, with its deadline', () => {
    expect(stepRecords(null, states(t0, 'ACTIVE', 'PENDING', 'PENDING'), t0)).to.deep.equal([
      {
        name: 'reserve',
        status: 'ACTIVE',
        attempts: 1,
        startedAt: t0,
        endedAt: null,
        compensation: null,
        deadlineAt: in10s(t0),
      },
      pendingRecord('pay'),
      pendingRecord('commit'),
    ]);
  });

  it('ends a step that succeeded and starts the next, keeping the first’s start time', () => {
    const started = stepRecords(null, states(t0, 'ACTIVE', 'PENDING', 'PENDING'), t0);

    const next = stepRecords(started, states(t1, 'SUCCEEDED', 'ACTIVE', 'PENDING'), t1);

    expect(next[0]).to.deep.equal({
      name: 'reserve',
      status: 'SUCCEEDED',
      attempts: 1,
      startedAt: t0,
      endedAt: t1,
      compensation: null,
      deadlineAt: null,
    });
    expect(next[1]).to.deep.include({ status: 'ACTIVE', attempts: 1, startedAt: t1, endedAt: null });
    expect(next[2]).to.deep.equal(pendingRecord('commit'));
  });

  it('ends a failed step, and records the compensation of the step before it: sent, then confirmed', () => {
    const paying = stepRecords(
      stepRecords(null, states(t0, 'ACTIVE', 'PENDING', 'PENDING'), t0),
      states(t1, 'SUCCEEDED', 'ACTIVE', 'PENDING'),
      t1,
    );

    const releasing = stepRecords(paying, states(t2, 'COMPENSATING', 'FAILED', 'PENDING'), t2);
    expect(releasing[0]).to.deep.include({ status: 'COMPENSATING', attempts: 1, startedAt: t0, endedAt: t1 });
    expect(releasing[0]?.deadlineAt).to.deep.equal(in10s(t2));
    expect(releasing[0]?.compensation).to.deep.equal({ attempts: 1, startedAt: t2, endedAt: null });
    expect(releasing[1]).to.deep.include({ status: 'FAILED', startedAt: t1, endedAt: t2, deadlineAt: null });

    const released = stepRecords(releasing, states(t3, 'COMPENSATED', 'FAILED', 'PENDING'), t3);
    expect(released[0]?.compensation).to.deep.equal({ attempts: 1, startedAt: t2, endedAt: t3 });
    expect(released[1]).to.equal(releasing[1]);
  });

  it('ends a step the saga gave up on as TIMED_OUT, keeping how often it was sent', () => {
    const paying = stepRecords(null, [{ name: 'pay', status: 'ACTIVE', attempts: 3, deadlineAt: 5 }], t0);

    const [gaveUp] = stepRecords(
      paying,
      [{ name: 'pay', status: 'TIMED_OUT', attempts: 0, deadlineAt: null }],
      t1,
    );

    expect(gaveUp).to.deep.include({ status: 'TIMED_OUT', attempts: 3, endedAt: t1, deadlineAt: null });
  });

  it('marks a skipped step as ended without an attempt', () => {
    const [skipped] = stepRecords(null, states(t0, 'SKIPPED', 'ACTIVE', 'PENDING'), t0);
    expect(skipped).to.deep.equal({
      name: 'reserve',
      status: 'SKIPPED',
      attempts: 0,
      startedAt: null,
      endedAt: t0,
      compensation: null,
      deadlineAt: null,
    });
  });

  it('takes the attempts and the new deadline of a re-sent command, keeping its first start', () => {
    const started = stepRecords(null, states(t0, 'ACTIVE'), t0);
    const resent: StepState = { name: 'reserve', status: 'ACTIVE', attempts: 2, deadlineAt: t3.getTime() };

    const [again] = stepRecords(started, [resent], t2);

    expect(again).to.deep.include({ attempts: 2, startedAt: t0, endedAt: null, deadlineAt: t3 });
  });

  it('takes the attempts of a re-sent compensation into the compensation’s record', () => {
    const releasing = stepRecords(null, states(t0, 'COMPENSATING'), t0);
    const resent: StepState = {
      name: 'reserve',
      status: 'COMPENSATING',
      attempts: 2,
      deadlineAt: t3.getTime(),
    };

    const [again] = stepRecords(releasing, [resent], t2);

    expect(again?.compensation).to.deep.equal({ attempts: 2, startedAt: t0, endedAt: null });
  });

  it('keeps the record of every step that did not change, as the very same object', () => {
    const started = stepRecords(null, states(t0, 'ACTIVE', 'PENDING', 'PENDING'), t0);
    const same = stepRecords(started, states(t0, 'ACTIVE', 'PENDING', 'PENDING'), t3);
    same.forEach((record, index) => expect(record).to.equal(started[index]));
  });

  it('reads back as the engine’s step, whatever the bookkeeping around it', () => {
    const record: StepRecord = {
      ...pendingRecord('reserve'),
      status: 'COMPENSATING',
      attempts: 2,
      compensation: { attempts: 3, startedAt: t1, endedAt: null },
      deadlineAt: t2,
    };
    expect(engineStep(record)).to.deep.equal({
      name: 'reserve',
      status: 'COMPENSATING',
      attempts: 3,
      deadlineAt: t2.getTime(),
    });
    const storedBeforeDeadlines: StepRecord = { ...pendingRecord('pay') };
    delete (storedBeforeDeadlines as { deadlineAt?: Date | null }).deadlineAt;
    expect(engineStep(storedBeforeDeadlines)).to.deep.include({ deadlineAt: null });
  });
});
