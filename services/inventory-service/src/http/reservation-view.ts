import type { ReservationDocument } from '../model/reservation-model.ts';

/** An order's reservation as the API shows it: its state and lines, not its outbox or message ids. */
export function reservationView(reservation: ReservationDocument) {
  return {
    orderId: reservation._id,
    reservationId: reservation.reservationId,
    sagaId: reservation.sagaId,
    status: reservation.status,
    lines: reservation.lines.map(({ sku, quantity }) => ({ sku, quantity })),
    failure: reservation.failure && {
      reason: reservation.failure.reason,
      unavailableSkus: [...reservation.failure.unavailableSkus],
    },
    reservedAt: reservation.reservedAt,
    failedAt: reservation.failedAt,
    committedAt: reservation.committedAt,
    releasedAt: reservation.releasedAt,
  };
}
