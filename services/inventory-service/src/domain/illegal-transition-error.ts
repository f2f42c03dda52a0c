import { InventoryError } from './inventory-error.ts';
import type { ReservationStatus } from './reservation-status.ts';

/** A move the reservation state machine does not have: a bug, not bad luck, so retrying cannot help. */
export class IllegalTransitionError extends InventoryError {
  readonly code = 'ILLEGAL_TRANSITION';
  readonly retriable = false;
  constructor(
    readonly orderId: string,
    readonly from: ReservationStatus,
    readonly to: ReservationStatus,
  ) {
    super(`reservation of order ${orderId} cannot go from ${from} to ${to}`);
  }
}
