import { expect } from 'chai';
import type { StepState } from '@saga/saga-engine';
import type { StepRecord } from '../../src/model/saga-document.ts';
import { pendingRecord, stepRecords } from '../../src/saga-manager/index.ts';

const t0 = new Date('2025-03-04T10:00:00.000Z');
const t1 = new Date('2025-03-04T10:00:01.000Z');
const t2 = new Date('2025-03-04T10:00:02.000Z');
const t3 = new Date('2025-03-04T10:00:03.000Z');

const states = (...statuses: StepState['status'][]): StepState[] =>
  statuses.map((status, index) => ({ name: ['reserve', 'pay', 'commit'][index] ?? `step${index}`, status }));

describe('stepRecords', () => {
  it('starts a saga with every step pending but the first, whose command is sent once, now', () => {
    expect(stepRecords(null, states('ACTIVE', 'PENDING', 'PENDING'), t0)).to.deep.equal([
      { name: 'reserve', status: 'ACTIVE', attempts: 1, startedAt: t0, endedAt: null, compensation: null },
      pendingRecord('pay'),
      pendingRecord('commit'),
    ]);
  });

  it('ends a step that succeeded and starts the next, keeping the first’s start time', () => {
    const started = stepRecords(null, states('ACTIVE', 'PENDING', 'PENDING'), t0);

    const next = stepRecords(started, states('SUCCEEDED', 'ACTIVE', 'PENDING'), t1);

    expect(next[0]).to.deep.equal({
      name: 'reserve',
      status: 'SUCCEEDED',
      attempts: 1,
      startedAt: t0,
      endedAt: t1,
      compensation: null,
    });
    expect(next[1]).to.deep.include({ status: 'ACTIVE', attempts: 1, startedAt: t1, endedAt: null });
    expect(next[2]).to.deep.equal(pendingRecord('commit'));
  });

  it('ends a failed step, and records the compensation of the step before it: sent, then confirmed', () => {
    const paying = stepRecords(
      stepRecords(null, states('ACTIVE', 'PENDING', 'PENDING'), t0),
      states('SUCCEEDED', 'ACTIVE', 'PENDING'),
      t1,
    );

    const releasing = stepRecords(paying, states('COMPENSATING', 'FAILED', 'PENDING'), t2);
    expect(releasing[0]).to.deep.include({ status: 'COMPENSATING', attempts: 1, startedAt: t0, endedAt: t1 });
    expect(releasing[0]?.compensation).to.deep.equal({ attempts: 1, startedAt: t2, endedAt: null });
    expect(releasing[1]).to.deep.include({ status: 'FAILED', startedAt: t1, endedAt: t2 });

    const released = stepRecords(releasing, states('COMPENSATED', 'FAILED', 'PENDING'), t3);
    expect(released[0]?.compensation).to.deep.equal({ attempts: 1, startedAt: t2, endedAt: t3 });
    expect(released[1]).to.equal(releasing[1]);
  });

  it('marks a skipped step as ended without an attempt', () => {
    const [skipped] = stepRecords(null, states('SKIPPED', 'ACTIVE', 'PENDING'), t0);
    expect(skipped).to.deep.equal({
      name: 'reserve',
      status: 'SKIPPED',
      attempts: 0,
      startedAt: null,
      endedAt: t0,
      compensation: null,
    });
  });

  it('counts another attempt when a step is activated again, keeping its first start', () => {
    const previous: StepRecord[] = [
      { name: 'reserve', status: 'PENDING', attempts: 1, startedAt: t0, endedAt: null, compensation: null },
    ];
    const [again] = stepRecords(previous, states('ACTIVE'), t2);
    expect(again).to.deep.include({ attempts: 2, startedAt: t0, endedAt: null });
  });

  it('keeps the record of every step whose status did not change, as the very same object', () => {
    const started = stepRecords(null, states('ACTIVE', 'PENDING', 'PENDING'), t0);
    const same = stepRecords(started, states('ACTIVE', 'PENDING', 'PENDING'), t3);
    same.forEach((record, index) => expect(record).to.equal(started[index]));
  });
});
