// The trip saga with deadlines: what the engine does when replies do not come. Each step's timing is
// one named policy; what giving up means is each step's `onTimeout` (absent for issuing tickets, which
// comes after the card was charged and must not be given up on).
import { defineSaga, type StepFailure, type StepPolicy } from '../src/index.ts';
import { tripSpec, type TripData, type TripFailure } from './trip-saga.ts';

/** 1 s, then 2 s ± 20 %, then 3 s (the cap) ± 20 %: three sends in all. */
export const tripStepPolicy: StepPolicy = {
  deadlineMs: 1_000,
  maxAttempts: 3,
  backoff: { multiplier: 2, maxDeadlineMs: 3_000, jitter: 0.2 },
};

/** Compensations: two sends, half a second each. */
export const undoPolicy: StepPolicy = {
  deadlineMs: 500,
  maxAttempts: 2,
  backoff: { multiplier: 1, maxDeadlineMs: 500, jitter: 0 },
};

const giveUp = (): StepFailure<TripData, TripFailure> => ({ reason: 'TIMED_OUT' });

const [bookFlight, checkVisa, rentCar, chargeCard, issueTickets] = tripSpec.steps;
if (
  !bookFlight?.compensation ||
  !checkVisa ||
  !rentCar?.compensation ||
  !chargeCard?.compensation ||
  !issueTickets
)
  throw new Error('the trip saga has five steps');

export const timedTripSaga = defineSaga({
  ...tripSpec,
  steps: [
    {
      ...bookFlight,
      policy: tripStepPolicy,
      onTimeout: giveUp,
      compensation: { ...bookFlight.compensation, policy: undoPolicy },
    },
    { ...checkVisa, policy: tripStepPolicy, onTimeout: giveUp },
    {
      ...rentCar,
      policy: tripStepPolicy,
      onTimeout: giveUp,
      compensation: { ...rentCar.compensation, policy: undoPolicy },
    },
    {
      ...chargeCard,
      policy: tripStepPolicy,
      onTimeout: (data, { attempts }) => ({
        reason: 'TIMED_OUT' as const,
        data: { ...data, note: `no answer from the card company after ${attempts} attempts` },
      }),
      compensation: {
        ...chargeCard.compensation,
        policy: undoPolicy,
        onFailure: { 'card.refundRefused': (_data, reply) => `refund refused: ${reply.why}` },
      },
    },
    { ...issueTickets, policy: tripStepPolicy },
  ],
});

/** `ms` after `from`. */
export function after(from: Date, ms: number): Date {
  return new Date(from.getTime() + ms);
}
