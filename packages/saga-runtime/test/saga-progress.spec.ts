import { expect } from 'chai';
import { sagaOutcome, sagaProgress, type SagaDocument } from '../src/index.ts';
import { pendingRecord } from '../src/step-records.ts';

const t = (seconds: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, seconds));

type Observed = Parameters<typeof sagaProgress>[0];
const saga = (fields: Partial<Observed>): Observed => ({
  status: 'RUNNING',
  failureReason: null,
  steps: [],
  createdAt: t(0),
  updatedAt: t(0),
  ...fields,
});
const step = (fields: Partial<SagaDocument['steps'][number]>) => ({ ...pendingRecord('reserve'), ...fields });

describe('sagaProgress', () => {
  it('counts a step a reply took from ACTIVE to SUCCEEDED or FAILED, timed from its first send', () => {
    const before = saga({
      steps: [
        step({ status: 'ACTIVE', startedAt: t(1) }),
        step({ name: 'pay', status: 'ACTIVE', startedAt: t(2) }),
      ],
    });
    const after = saga({
      steps: [
        step({ status: 'SUCCEEDED', startedAt: t(1), endedAt: t(4) }),
        step({ name: 'pay', status: 'FAILED', startedAt: t(2), endedAt: t(4) }),
      ],
    });
    expect(sagaProgress(before, after).settled).to.deep.equal([
      { step: 'reserve', seconds: 3 },
      { step: 'pay', seconds: 2 },
    ]);
  });

  it('does not count a step that timed out, was skipped, or had settled before', () => {
    const before = saga({
      steps: [
        step({ status: 'ACTIVE', startedAt: t(1) }),
        step({ name: 'pay', status: 'SUCCEEDED', startedAt: t(1), endedAt: t(2) }),
      ],
    });
    const after = saga({
      steps: [
        step({ status: 'TIMED_OUT', startedAt: t(1), endedAt: t(9) }),
        step({ name: 'pay', status: 'SUCCEEDED', startedAt: t(1), endedAt: t(2) }),
      ],
    });
    expect(sagaProgress(before, after).settled).to.deep.equal([]);
  });

  it('says a saga finished when the write took it into an end, with its outcome and whole duration', () => {
    const after = saga({ status: 'COMPLETED', createdAt: t(1), updatedAt: t(6) });
    expect(sagaProgress(saga({ status: 'COMPLETING' }), after).finished).to.deep.equal({
      outcome: 'COMPLETED',
      seconds: 5,
    });
    expect(sagaProgress(after, after).finished, 'an ended saga written again').to.equal(null);
  });
});

describe('sagaOutcome', () => {
  it('is COMPLETED, or the cancel reason when it is an enum symbol, else CANCELLED', () => {
    expect(sagaOutcome('COMPLETED', null)).to.equal('COMPLETED');
    expect(sagaOutcome('CANCELLED', 'PAYMENT_DECLINED')).to.equal('PAYMENT_DECLINED');
    expect(sagaOutcome('CANCELLED', { reason: 'x' }), 'not a bounded label').to.equal('CANCELLED');
    expect(sagaOutcome('CANCELLED', 'free text, unbounded')).to.equal('CANCELLED');
  });
});
