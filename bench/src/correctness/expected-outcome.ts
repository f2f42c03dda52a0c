import type { OrderSummary } from '../saga/bench-platform.ts';

/**
 * How an order the bench placed must end, decided when it is placed: CONFIRMED when the shop stocked
 * and funded it, CANCELLED with a given reason when it was placed to fail. A run whose orders end any
 * other way measured something other than the platform working.
 */
export type ExpectedOutcome =
  { readonly status: 'CONFIRMED' } | { readonly status: 'CANCELLED'; readonly cancelReason: string };

/** An order the bench placed, with the outcome it must reach. */
export interface ExpectedOrder {
  readonly orderId: string;
  readonly expected: ExpectedOutcome;
}

/** `CONFIRMED`, or `CANCELLED (REASON)`: an outcome as the verdict and the table name it. */
export function describeOutcome(outcome: {
  readonly status: OrderSummary['status'];
  readonly cancelReason?: string | undefined;
}): string {
  return outcome.status === 'CANCELLED'
    ? `CANCELLED (${outcome.cancelReason ?? 'no reason'})`
    : outcome.status;
}

/** Whether `order` ended as `expected` says: same status, and for a cancellation the same reason. */
export function endedAsExpected(order: OrderSummary, expected: ExpectedOutcome): boolean {
  if (order.status !== expected.status) return false;
  return expected.status === 'CONFIRMED' || order.cancelReason === expected.cancelReason;
}
