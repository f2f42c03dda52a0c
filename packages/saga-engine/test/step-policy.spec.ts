import { expect } from 'chai';
import {
  defineSaga,
  policyProblem,
  replyWindowMs,
  SagaDefinitionError,
  withPolicies,
  type StepPolicy,
} from '../src/index.ts';
import { timedTripSaga, tripStepPolicy } from './timed-trip-saga.ts';
import { tripSpec } from './trip-saga.ts';

describe('step policy', () => {
  describe('replyWindowMs', () => {
    it('is deadlineMs for the first send, exactly', () => {
      expect(replyWindowMs(tripStepPolicy, 1, () => 0)).to.equal(1_000);
      expect(replyWindowMs(tripStepPolicy, 1, () => 0.999)).to.equal(1_000);
    });

    it('stays within ± jitter of the grown wait, and never above the cap', () => {
      for (const random of [0, 0.25, 0.5, 0.75, 0.999_999]) {
        const second = replyWindowMs(tripStepPolicy, 2, () => random);
        expect(second).to.be.within(1_600, 2_400);
        const fifth = replyWindowMs(tripStepPolicy, 5, () => random);
        expect(fifth).to.be.within(2_400, 3_000);
      }
    });
  });

  describe('policyProblem', () => {
    const broken: [string, StepPolicy][] = [
      ['deadlineMs must be > 0', { ...tripStepPolicy, deadlineMs: 0 }],
      ['maxAttempts must be an integer ≥ 1', { ...tripStepPolicy, maxAttempts: 0 }],
      [
        'backoff.multiplier must be ≥ 1',
        { ...tripStepPolicy, backoff: { ...tripStepPolicy.backoff, multiplier: 0.5 } },
      ],
      [
        'backoff.maxDeadlineMs (500) must be ≥ deadlineMs (1000)',
        { ...tripStepPolicy, backoff: { ...tripStepPolicy.backoff, maxDeadlineMs: 500 } },
      ],
      [
        'backoff.jitter must be between 0 and 1',
        { ...tripStepPolicy, backoff: { ...tripStepPolicy.backoff, jitter: 2 } },
      ],
    ];

    it('accepts a sound policy', () => {
      expect(policyProblem(tripStepPolicy)).to.equal(null);
    });

    for (const [problem, policy] of broken)
      it(`says "${problem}"`, () => {
        expect(policyProblem(policy)).to.include(problem);
      });

    it('makes defineSaga refuse a step with such a policy, naming the step', () => {
      const [first, ...rest] = tripSpec.steps;
      if (!first) throw new Error('the trip saga has steps');
      const spec = {
        ...tripSpec,
        steps: [{ ...first, policy: { ...tripStepPolicy, maxAttempts: 0 } }, ...rest],
      };

      expect(() => defineSaga(spec))
        .to.throw(SagaDefinitionError, 'step "bookFlight": its policy: maxAttempts must be')
        .with.property('code', 'INVALID_POLICY');
    });
  });

  describe('withPolicies', () => {
    const fast: StepPolicy = {
      deadlineMs: 50,
      maxAttempts: 2,
      backoff: { multiplier: 1, maxDeadlineMs: 50, jitter: 0 },
    };

    it('replaces the policies of the steps it names, and keeps the others', () => {
      const tuned = withPolicies(timedTripSaga, { chargeCard: { command: fast, compensation: fast } });

      expect(tuned.steps[3]?.policy).to.equal(fast);
      expect(tuned.steps[3]?.compensation?.policy).to.equal(fast);
      expect(tuned.steps[0]?.policy).to.equal(tripStepPolicy);
      expect(tuned.steps[3]?.onTimeout).to.equal(timedTripSaga.steps[3]?.onTimeout);
    });

    it('refuses a step the saga does not have, listing those it has', () => {
      expect(() => withPolicies(timedTripSaga, { payTheBill: { command: fast } }))
        .to.throw(SagaDefinitionError, 'names step "payTheBill", but its steps are bookFlight, checkVisa')
        .with.property('code', 'UNKNOWN_STEP');
    });

    it('refuses a compensation policy for a step without compensation', () => {
      expect(() => withPolicies(timedTripSaga, { checkVisa: { compensation: fast } })).to.throw(
        SagaDefinitionError,
        'the compensation of step "checkVisa", which has none',
      );
    });

    it('refuses a policy out of range', () => {
      expect(() => withPolicies(timedTripSaga, { checkVisa: { command: { ...fast, deadlineMs: -1 } } }))
        .to.throw(SagaDefinitionError)
        .with.property('code', 'INVALID_POLICY');
    });
  });
});
