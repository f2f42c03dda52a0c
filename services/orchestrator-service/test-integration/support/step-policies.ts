import type { PolicyOverrides, StepPolicy } from '@saga/saga-engine';

const everyStep = (command: StepPolicy, compensation: StepPolicy): PolicyOverrides => ({
  reserveInventory: { command, compensation },
  processPayment: { command, compensation },
  commitInventory: { command },
});

/** An hour per reply and no re-send: for suites that answer every command themselves, at their own pace. */
const patient: StepPolicy = {
  deadlineMs: 3_600_000,
  maxAttempts: 1,
  backoff: { multiplier: 1, maxDeadlineMs: 3_600_000, jitter: 0 },
};
export const patientPolicies = everyStep(patient, patient);

/**
 * Two sends, two seconds apart, for suites about unanswered commands: short enough for a test, long
 * enough that a participant the test plays answers a command before its deadline on a slow machine.
 */
const brief: StepPolicy = {
  deadlineMs: 2_000,
  maxAttempts: 2,
  backoff: { multiplier: 1, maxDeadlineMs: 2_000, jitter: 0 },
};
export const briefPolicies = everyStep(brief, brief);
