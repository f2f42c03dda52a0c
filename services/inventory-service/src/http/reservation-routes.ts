import type Router from '@koa/router';
import type { Config } from '@saga/config';
import { findCurrent, NotFoundError, parseBody, requireAccess } from '@saga/service-kit';
import type { ReservationDocument, ReservationModel } from '../model/reservation-model.ts';
import { reservationView } from './reservation-view.ts';
import { getReservation, reservationParams } from './inventory-operations.ts';

/**
 * `GET /reservations/:orderId` (admin or ops): the order's reservation (status, lines, failure, times), for
 * support staff and tests; 400 VALIDATION_FAILED for an id that is not a UUID, 404 NOT_FOUND when the
 * order has none.
 */
export function reservationRoutes(
  router: Router,
  deps: { readonly Reservation: ReservationModel; readonly auth: Config['auth'] },
): void {
  router.get(getReservation.path, requireAccess(deps.auth, getReservation), async (ctx) => {
    const { orderId } = parseBody(reservationParams, ctx.params);
    // Settled ones may have moved to the archive (reservation-model.ts).
    const reservation = await findCurrent<ReservationDocument>(deps.Reservation, orderId);
    if (!reservation) throw new NotFoundError(`order ${orderId} has no reservation`, { orderId });
    ctx.body = reservationView(reservation);
  });
}
