import { appendToOutbox, combineUpdates, crashPoint, outboxEntry } from '@saga/service-kit';
import { failureOf, type LineOutcome } from '../domain/reservation-failure.ts';
import { replyMessage } from '../domain/reply-message.ts';
import type { ReplyTopic } from '../domain/reply-topic.ts';
import { assertTransition, isInFlight, type ReservationStatus } from '../domain/reservation-status.ts';
import { settlingSteps, type SettlingStep } from '../domain/settling-steps.ts';
import { reservationFacts, type ReservationDocument } from '../model/reservation-model.ts';
import type { ReservationDeps } from './reservation-deps.ts';
import { ReservationStuckError } from './reservation-stuck-error.ts';

/** Each round moves the reservation at least one status on, unless another driver does; a handful suffices. */
const MAX_ROUNDS = 10;

/** Settled statuses in which the order holds no stock anywhere. */
const holdsNothing: readonly ReservationStatus[] = ['FAILED', 'COMMITTED', 'RELEASED'];

/**
 * Drives an order's reservation from whatever in-flight status it is in to a settled one, and returns
 * it as it then is (null if there is none). Every write is a conditional single-document update that
 * can be repeated, so this is also the crash recovery: started again from any state a crash between
 * two writes can leave, it finishes the job without moving a unit twice.
 *
 * - RESERVING: hold each line (guarded by the order's hold marker, so lines held before a crash count
 *   as held); if every line is held, RESERVED with `inventory.reserved` in one update; otherwise record
 *   the failure and go to ROLLING_BACK.
 * - ROLLING_BACK, COMMITTING, RELEASING: give back or sell each line's hold, then the next status with
 *   its reply in one update (see settling-steps.ts).
 *
 * The caller is the reservation's single writer, so within a process one driver runs per reservation.
 */
export async function driveReservation(
  deps: ReservationDeps,
  orderId: string,
): Promise<ReservationDocument | null> {
  let tookHolds = false;
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const reservation = await deps.Reservation.findById(orderId).lean();
    if (!reservation) return null;
    const { status } = reservation;
    if (!isInFlight(status)) {
      // Holds this run took that no settling pass of its own walked past: only possible when another
      // process drove the same reservation at the same moment and settled it first (a second replica
      // on MongoDB, say). In a status that holds nothing they would otherwise stay held forever.
      if (tookHolds && holdsNothing.includes(status)) await releaseLines(deps, reservation);
      return reservation;
    }
    if (status === 'RESERVING') {
      tookHolds = (await holdLines(deps, reservation)) || tookHolds;
    } else {
      await settle(deps, reservation, settlingSteps[status]);
      tookHolds = false; // the pass walked every line, the ones this run held included
    }
  }
  throw new ReservationStuckError(orderId, MAX_ROUNDS);
}

/** One pass of RESERVING; returns whether it took any hold itself. */
async function holdLines(deps: ReservationDeps, reservation: ReservationDocument): Promise<boolean> {
  const orderId = reservation._id;
  const outcomes: { sku: string; outcome: LineOutcome }[] = [];
  let tookHolds = false;
  for (const line of reservation.lines) {
    if (outcomes.some((o) => o.outcome !== 'HELD')) {
      // The reservation fails anyway; the other lines are only looked at, to name every unavailable SKU,
      // not held (holding them would briefly starve other orders of stock this one gives back at once).
      const state = await deps.ledger.lineState(line.sku, orderId, line.quantity);
      outcomes.push({ sku: line.sku, outcome: state });
      continue;
    }
    const outcome = await deps.ledger.takeHold(line.sku, orderId, line.quantity);
    tookHolds ||= outcome === 'HELD';
    if (tookHolds && line !== reservation.lines.at(-1)) crashPoint('mid-reservation');
    outcomes.push({ sku: line.sku, outcome: outcome === 'ALREADY_HELD' ? 'HELD' : outcome });
  }
  const failure = failureOf(outcomes);
  if (failure) {
    if (await transition(deps, reservation, 'ROLLING_BACK', { failure })) {
      deps.logger.info({ orderId, failure }, 'reservation failed; giving back what it held');
    }
  } else if (
    await transition(deps, reservation, 'RESERVED', { reservedAt: deps.now() }, 'inventory.reserved')
  ) {
    deps.logger.info({ orderId, lines: reservation.lines }, 'stock reserved');
  }
  return tookHolds;
}

/** One pass of ROLLING_BACK, COMMITTING or RELEASING. */
async function settle(deps: ReservationDeps, reservation: ReservationDocument, step: SettlingStep) {
  for (const line of reservation.lines) {
    if (step.lineAction === 'commit') await deps.ledger.commitHold(line.sku, reservation._id, line.quantity);
    else await deps.ledger.releaseHold(line.sku, reservation._id, line.quantity);
  }
  if (await transition(deps, reservation, step.next, { [step.stamp]: deps.now() }, step.reply)) {
    deps.logger.info(
      { orderId: reservation._id, status: step.next },
      `reservation ${step.next.toLowerCase()}`,
    );
  }
}

async function releaseLines(deps: ReservationDeps, reservation: ReservationDocument) {
  for (const line of reservation.lines) {
    if (await deps.ledger.releaseHold(line.sku, reservation._id, line.quantity)) {
      deps.logger.warn(
        { orderId: reservation._id, sku: line.sku, status: reservation.status },
        'gave back a hold taken while another process settled the reservation',
      );
    }
  }
}

/**
 * Moves the reservation from the status it was read in to `to`, with `set`, and with `reply` in its
 * outbox: one conditional update, so exactly one driver wins and exactly one reply is written.
 * @returns whether this call made the move (false: someone else moved it first)
 */
async function transition(
  deps: ReservationDeps,
  reservation: ReservationDocument,
  to: ReservationStatus,
  set: Partial<ReservationDocument>,
  reply?: ReplyTopic,
): Promise<boolean> {
  assertTransition(reservation._id, reservation.status, to);
  const entries = reply
    ? [
        outboxEntry(
          reply,
          reservation._id,
          replyMessage(reply, reservationFacts({ ...reservation, ...set }), deps.now()),
          { traceparent: reservation.traceparent },
        ),
      ]
    : [];
  const result = await deps.Reservation.updateOne(
    { _id: reservation._id, status: reservation.status },
    combineUpdates({ $set: { ...set, status: to } }, entries.length > 0 ? appendToOutbox(...entries) : {}),
  );
  const moved = result.modifiedCount === 1;
  if (moved && reply) deps.onOutbox(reservation._id);
  return moved;
}
