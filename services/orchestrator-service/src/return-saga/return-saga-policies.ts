import type { StepPolicy } from '@saga/saga-engine';

// How long each step of the return saga waits for its reply, and how often its command is sent. The
// orchestrator can replace any of them at start-up (`stepPolicies.return`), which is how tests shorten
// them. Re-sends are safe: every participant applies a return once, by its return id, and answers a
// repeated command with the outcome of the first.

/** Re-sends wait twice as long each time, up to two minutes, ± 20 % so stalled sagas spread out. */
const backoff = { multiplier: 2, maxDeadlineMs: 120_000, jitter: 0.2 } as const;

/**
 * order.approve-return: the order service answers from its own store. 30 s, 60 s, 120 s: past that
 * the return is rejected (APPROVAL_TIMED_OUT) through order.cancel-return, which frees whatever a
 * late approval held.
 */
export const approveReturnPolicy: StepPolicy = { deadlineMs: 30_000, maxAttempts: 3, backoff };

/**
 * inventory.restock: not given up on by itself. Inventory may have taken the items back and only its
 * answer be lost, and undoing a restock nobody can see would be a guess: unanswered, the saga needs
 * attention, and a person retries it (POST /sagas/:sagaId/retry) once inventory is back.
 */
export const restockPolicy: StepPolicy = { deadlineMs: 30_000, maxAttempts: 5, backoff };

/**
 * payment.refund-return: money owed to a customer is never dropped. A closed account refuses the
 * refund without answering, so the command is re-sent by this policy and then the saga needs
 * attention; an operator reopens the account and retries the saga.
 */
export const refundReturnPolicy: StepPolicy = { deadlineMs: 30_000, maxAttempts: 3, backoff };

/**
 * order.complete-return and order.cancel-return: the return's outcome, which the order service
 * acknowledges. Sent as patiently as an undo; past that the saga needs attention.
 */
export const settleReturnPolicy: StepPolicy = { deadlineMs: 30_000, maxAttempts: 5, backoff };
