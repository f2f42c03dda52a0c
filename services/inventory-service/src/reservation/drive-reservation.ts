import type { Money } from '@saga/contracts';
import { crashPoint } from '@saga/service-kit';
import type { LineOutcome } from '../domain/reservation-failure.ts';
import { decideMove, reservingMove, settlingMove, type ReservationMove } from '../domain/reservation-move.ts';
import { isInFlight, type ReservationStatus } from '../domain/reservation-status.ts';
import { settlingSteps } from '../domain/settling-steps.ts';
import type { ReservationDocument } from '../model/reservation-model.ts';
import type { ReservationDeps } from './reservation-deps.ts';

/** Settled statuses in which the order holds no stock anywhere. */
const holdsNothing: readonly ReservationStatus[] = ['FAILED', 'COMMITTED', 'RELEASED'];

/**
 * Drives an order's reservation from whatever in-flight status it is in to a settled one, and returns
 * it as it then is (null if the reservations collection has none: the archive's are all settled). Each round does one status's per-SKU work, then writes the
 * status's move (reservation-move.ts) through the aggregate runtime. Every write can be repeated, so
 * this is also the crash recovery: started again from any state a crash between two writes can leave,
 * it finishes the job without moving a unit twice.
 *
 * - RESERVING: hold each line (each an aggregate write of its SKU, guarded by the order's hold marker,
 *   so lines held before a crash count as held); then RESERVED with `inventory.reserved`, or
 *   ROLLING_BACK with the failure.
 * - ROLLING_BACK, COMMITTING, RELEASING: give back or sell each line's hold, then the next status with
 *   its reply (see settling-steps.ts).
 *
 * The rounds follow the state machine, which has no cycle, so there are at most two. A lost guard is
 * the runtime's to decide again (or to fail with GuardLostError), never this loop's.
 * The caller is the reservation's single writer; the SKUs are written inside it (reservation → SKU).
 */
export async function driveReservation(
  deps: ReservationDeps,
  orderId: string,
  /** The reservation as the caller just got it inside the same writer run (saves reading it again). */
  known?: ReservationDocument | null,
): Promise<ReservationDocument | null> {
  let reservation: ReservationDocument | null =
    known !== undefined ? known : await deps.Reservation.findById(orderId).lean();
  let tookHolds = false;
  while (reservation && isInFlight(reservation.status)) {
    const { status } = reservation;
    let move: ReservationMove;
    if (status === 'RESERVING') {
      const held = await holdLines(deps, reservation);
      tookHolds ||= held.tookHolds;
      move = reservingMove(reservation.lines, held.outcomes, deps.now());
    } else {
      const step = settlingSteps[status];
      for (const line of reservation.lines) {
        if (step.lineAction === 'commit') await deps.ledger.commitHold(line.sku, orderId);
        else await deps.ledger.releaseHold(line.sku, orderId);
      }
      tookHolds = false; // the pass walked every line, the ones this run held included
      move = settlingMove(status, step, deps.now());
    }
    const now = deps.now();
    // Decided on the reservation as this run has it: the holds are on the SKUs, it has not changed.
    const applied = await deps.aggregates.apply<ReservationDocument, boolean>(deps.Reservation, orderId, {
      current: reservation,
      decide: (current) => decideMove(current, move, now),
    });
    if (applied.kind === 'applied') logMove(deps, reservation, move);
    reservation = applied.document;
  }
  // Holds this run took that no settling pass of its own walked past: only possible when another
  // process drove the same reservation at the same moment and settled it first (a second replica on
  // MongoDB, say). In a status that holds nothing they would otherwise stay held forever.
  if (reservation && tookHolds && holdsNothing.includes(reservation.status)) {
    await releaseLines(deps, reservation);
  }
  return reservation;
}

/**
 * One pass of RESERVING: what became of each line and at what catalogue price, and whether this pass
 * took any hold itself. Every line must be priced in the order's currency; a reservation that names
 * none (from an older orchestrator) takes the currency of the first line with a price, so the lines of
 * one order never mix currencies.
 */
async function holdLines(deps: ReservationDeps, reservation: ReservationDocument) {
  const orderId = reservation._id;
  const outcomes: { sku: string; outcome: LineOutcome; unitPrice: Money | null }[] = [];
  let tookHolds = false;
  let currency = reservation.currency ?? null;
  for (const line of reservation.lines) {
    if (outcomes.some((o) => o.outcome !== 'HELD')) {
      // The reservation fails anyway; the other lines are only looked at, to name every unavailable SKU,
      // not held (holding them would briefly starve other orders of stock this one gives back at once).
      const state = await deps.ledger.lineState(line.sku, orderId, line.quantity, currency);
      outcomes.push({ sku: line.sku, ...state });
      currency ??= state.unitPrice?.currency ?? null;
      continue;
    }
    const { outcome, unitPrice } = await deps.ledger.takeHold(line.sku, orderId, line.quantity, currency);
    tookHolds ||= outcome === 'HELD';
    if (tookHolds && line !== reservation.lines.at(-1)) crashPoint('mid-reservation');
    outcomes.push({ sku: line.sku, outcome: outcome === 'ALREADY_HELD' ? 'HELD' : outcome, unitPrice });
    currency ??= unitPrice?.currency ?? null;
  }
  return { outcomes, tookHolds };
}

function logMove(deps: ReservationDeps, { _id: orderId, lines }: ReservationDocument, move: ReservationMove) {
  if (move.to === 'ROLLING_BACK') {
    deps.logger.info({ orderId, failure: move.set.failure }, 'reservation failed; giving back what it held');
  } else if (move.to === 'RESERVED') {
    deps.logger.info({ orderId, lines }, 'stock reserved');
  } else {
    deps.logger.info({ orderId, status: move.to }, `reservation ${move.to.toLowerCase()}`);
  }
}

async function releaseLines(deps: ReservationDeps, reservation: ReservationDocument) {
  for (const line of reservation.lines) {
    if (await deps.ledger.releaseHold(line.sku, reservation._id)) {
      deps.logger.warn(
        { orderId: reservation._id, sku: line.sku, status: reservation.status },
        'gave back a hold taken while another process settled the reservation',
      );
    }
  }
}
