import type { PolicyOverrides, StepPolicy } from '@saga/saga-engine';

/** An hour per reply and no re-send: for steps a suite answers itself, at its own pace. */
export const patient: StepPolicy = {
  deadlineMs: 3_600_000,
  maxAttempts: 1,
  backoff: { multiplier: 1, maxDeadlineMs: 3_600_000, jitter: 0 },
};

/**
 * Two sends, three seconds apart, for steps a suite leaves unanswered: short enough for a test, long
 * enough that a participant the test plays answers a command before its deadline on a slow machine.
 */
export const brief: StepPolicy = {
  deadlineMs: 3_000,
  maxAttempts: 2,
  backoff: { multiplier: 1, maxDeadlineMs: 3_000, jitter: 0 },
};

/**
 * Every step of the order saga patient, and its final commands (order.confirm, order.cancel): for
 * suites that answer every command themselves.
 */
export const patientPolicies: PolicyOverrides = {
  reserveInventory: { command: patient, compensation: patient },
  processPayment: { command: patient, compensation: patient },
  commitInventory: { command: patient },
  'order.confirm': { command: patient },
  'order.cancel': { command: patient },
};
