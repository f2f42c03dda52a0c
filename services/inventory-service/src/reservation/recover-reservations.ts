import mongoose from 'mongoose';
import { inFlightStatuses } from '../domain/reservation-status.ts';
import { driveReservation } from './drive-reservation.ts';
import type { ReservationDeps } from './reservation-deps.ts';

export interface RecoveryOptions {
  /**
   * Only reservations untouched for this long are taken: younger ones may be in the hands of another
   * replica right now, and the Kafka message that started them is delivered again anyway (its offset
   * is committed only once the handler has settled the reservation).
   */
  readonly idleForMs: number;
}

export const defaultRecoveryOptions: RecoveryOptions = { idleForMs: 30_000 };

/** How the sweep went: how many reservations it found in flight, and how many it could not settle. */
export interface RecoveryReport {
  readonly found: number;
  readonly failed: number;
}

/**
 * The start-up sweep: drives every reservation a crash left in flight (RESERVING, ROLLING_BACK,
 * COMMITTING, RELEASING) to completion or rollback. One that cannot be settled now is logged and left
 * for its redelivered message or the next start, rather than keeping the service from starting.
 */
export async function recoverReservations(
  deps: ReservationDeps,
  options: RecoveryOptions = defaultRecoveryOptions,
): Promise<RecoveryReport> {
  const idleSince = new Date(deps.now().getTime() - options.idleForMs);
  const stranded = await deps.Reservation.find(
    {
      status: mongoose.trusted({ $in: [...inFlightStatuses] }),
      updatedAt: mongoose.trusted({ $lte: idleSince }),
    },
    { _id: 1, status: 1 },
  ).lean();
  let failed = 0;
  for (const { _id: orderId, status } of stranded) {
    try {
      const settled = await deps.writer.run(deps.Reservation, orderId, () => driveReservation(deps, orderId));
      deps.logger.warn(
        { orderId, from: status, to: settled?.status },
        'recovered a reservation left in flight',
      );
    } catch (error) {
      failed++;
      deps.logger.error({ err: error, orderId, status }, 'could not recover a reservation left in flight');
    }
  }
  if (stranded.length > 0) deps.logger.info({ found: stranded.length, failed }, 'recovery sweep done');
  return { found: stranded.length, failed };
}
