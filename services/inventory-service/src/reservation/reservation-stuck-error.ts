import { InventoryError } from '../domain/inventory-error.ts';

/**
 * A reservation did not reach a settled status within a bounded number of rounds: something else kept
 * changing it. Retriable: the message is delivered again (or the next start sweeps it), and the
 * state it left is one every step can resume from.
 */
export class ReservationStuckError extends InventoryError {
  readonly code = 'RESERVATION_STUCK';
  readonly retriable = true;
  constructor(
    readonly orderId: string,
    readonly rounds: number,
  ) {
    super(`reservation of order ${orderId} did not settle within ${rounds} rounds`);
    this.name = 'ReservationStuckError';
  }
}
