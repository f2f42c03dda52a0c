import { PlatformError } from '@saga/service-kit';

/**
 * Where one order's payment is. A request opens it PENDING; the charge decides it (SUCCEEDED or
 * FAILED, for good); a refund of a succeeded payment passes through REFUNDING to REFUNDED.
 * The in-between states exist so that a crash between the account update and the payment update
 * is visible, and finished by a redelivery or the start-up sweep.
 */
export type PaymentStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'REFUNDING' | 'REFUNDED';

/** Every status, in life order. */
export const paymentStatuses = [
  'PENDING',
  'SUCCEEDED',
  'FAILED',
  'REFUNDING',
  'REFUNDED',
] as const satisfies readonly PaymentStatus[];

/** The legal moves, as data: anything not listed here is a bug, not a business outcome. */
export const paymentTransitions: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  PENDING: ['SUCCEEDED', 'FAILED'],
  SUCCEEDED: ['REFUNDING'],
  FAILED: [],
  REFUNDING: ['REFUNDED'],
  REFUNDED: [],
};

/** Statuses a crash can leave a payment in halfway: the start-up sweep finishes them. */
export const unfinishedStatuses = ['PENDING', 'REFUNDING'] as const satisfies readonly PaymentStatus[];

/** A move the transition table does not allow. */
export class IllegalPaymentTransitionError extends PlatformError {
  readonly code = 'ILLEGAL_PAYMENT_TRANSITION';
  readonly retriable = false;
  constructor(
    readonly from: PaymentStatus,
    readonly to: PaymentStatus,
  ) {
    super(`a payment cannot move from ${from} to ${to}`);
  }
}

/**
 * The filter and update of a status move, checked against the table. The filter holds the old status,
 * so the move is a compare-and-set: of two writers racing to decide a payment, only one wins.
 * @throws IllegalPaymentTransitionError
 */
export function statusMove(
  from: PaymentStatus,
  to: PaymentStatus,
): { filter: { status: PaymentStatus }; set: { status: PaymentStatus } } {
  if (!paymentTransitions[from].includes(to)) throw new IllegalPaymentTransitionError(from, to);
  return { filter: { status: from }, set: { status: to } };
}

/** Whether the charge was taken: such a payment answers every request with payment.success. */
export function wasCharged(status: PaymentStatus): boolean {
  return status === 'SUCCEEDED' || status === 'REFUNDING' || status === 'REFUNDED';
}
