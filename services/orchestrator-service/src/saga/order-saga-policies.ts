import type { StepPolicy } from '@saga/saga-engine';

// How long each step of the order saga waits for its reply, and how often its command is sent. One
// named policy per step; the orchestrator can replace any of them at start-up (`stepPolicies`), which
// is how tests shorten them. Re-sends are safe: inventory and payment are idempotent by order id, so a
// command sent again is answered with the outcome of the first (see the services' READMEs).

// The first waits are far above a healthy answer (well under a second), because a re-send is load too:
// on a machine that is merely slow, re-sending every few seconds would make it slower still.

/** Re-sends wait twice as long each time, up to two minutes, ± 20 % so stalled sagas spread out. */
const backoff = { multiplier: 2, maxDeadlineMs: 120_000, jitter: 0.2 } as const;

/**
 * inventory.reserve: inventory answers from its own store. 30 s, then 60 s, then 120 s: past that
 * (3.5 minutes) the order is cancelled INVENTORY_TIMED_OUT, and a reservation made later is released
 * when its reply arrives (`compensateLateSuccess`).
 */
export const reserveInventoryPolicy: StepPolicy = { deadlineMs: 30_000, maxAttempts: 3, backoff };

/**
 * payment.request: a payment provider may take a while. 30 s, 60 s, 120 s: past that (3.5 minutes)
 * the order is cancelled PAYMENT_TIMED_OUT, and a payment that succeeds later is refunded.
 */
export const paymentStepPolicy: StepPolicy = { deadlineMs: 30_000, maxAttempts: 3, backoff };

/**
 * inventory.commit: after the payment, the commit is never given up on (undoing a paid order because
 * inventory was slow would be wrong), so it is sent more often, and then the saga needs attention.
 */
export const commitInventoryPolicy: StepPolicy = { deadlineMs: 30_000, maxAttempts: 5, backoff };

/** inventory.release: an undo cannot be skipped, so it is sent often before the saga needs attention. */
export const releaseInventoryPolicy: StepPolicy = { deadlineMs: 30_000, maxAttempts: 5, backoff };

/** payment.refund: the same for giving money back. */
export const refundPaymentPolicy: StepPolicy = { deadlineMs: 30_000, maxAttempts: 5, backoff };

/**
 * order.confirm and order.cancel: the saga's outcome, which the order service acknowledges
 * (order.confirmed, order.cancelled). The order is PENDING for its customer until then, so the command
 * is sent as patiently as an undo; past that the saga needs attention (FINAL_COMMAND_TIMED_OUT).
 */
export const settleOrderPolicy: StepPolicy = { deadlineMs: 30_000, maxAttempts: 5, backoff };
