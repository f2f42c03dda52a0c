import { decision, outboxEntry, type Decision } from '@saga/service-kit';
import type { ReservationDocument } from '../model/reservation-model.ts';
import { replyMessage, reservationFacts } from './reply-message.ts';
import type { ReplyTopic } from './reply-topic.ts';
import type { Money } from '@saga/contracts';
import { failureOf, type LineOutcome } from './reservation-failure.ts';
import type { ReservationLine } from './reservation-line.ts';
import { priceReservation } from './reservation-pricing.ts';
import { assertTransition, type InFlightStatus, type ReservationStatus } from './reservation-status.ts';
import type { SettlingStep } from './settling-steps.ts';

/**
 * The move that ends an in-flight status once its per-SKU work is done: from the status the work was
 * done in, to the next, recording `set`, with `reply` (if any) in the outbox of the same update.
 */
export interface ReservationMove {
  readonly from: InFlightStatus;
  readonly to: ReservationStatus;
  readonly set: Partial<
    Pick<
      ReservationDocument,
      'failure' | 'reservedAt' | 'failedAt' | 'committedAt' | 'releasedAt' | 'pricedLines' | 'total'
    >
  >;
  readonly reply?: ReplyTopic;
}

/**
 * RESERVING's move, from what became of each of its lines and the catalogue price each was held at:
 * RESERVED with `inventory.reserved` when every line is held, recording the priced lines and the total
 * that the reply (and any repeat of it) carries; otherwise ROLLING_BACK, recording the failure (its
 * reply waits until the holds are given back).
 */
export function reservingMove(
  lines: readonly ReservationLine[],
  outcomes: readonly {
    readonly sku: string;
    readonly outcome: LineOutcome;
    readonly unitPrice: Money | null;
  }[],
  now: Date,
): ReservationMove {
  const failure = failureOf(outcomes);
  if (failure) return { from: 'RESERVING', to: 'ROLLING_BACK', set: { failure } };
  const priced = priceReservation(lines, outcomes);
  if (!priced.ok) return { from: 'RESERVING', to: 'ROLLING_BACK', set: { failure: priced.failure } };
  const { pricedLines, total } = priced.pricing;
  return {
    from: 'RESERVING',
    to: 'RESERVED',
    set: { reservedAt: now, pricedLines: [...pricedLines], total },
    reply: 'inventory.reserved',
  };
}

/** The move that ends ROLLING_BACK, COMMITTING or RELEASING once every line's hold is given back or sold. */
export function settlingMove(
  from: Exclude<InFlightStatus, 'RESERVING'>,
  step: SettlingStep,
  now: Date,
): ReservationMove {
  return { from, to: step.next, set: { [step.stamp]: now }, reply: step.reply };
}

/**
 * The write of a move, decided on the reservation as read: one update guarded by the status the work
 * was done in, so exactly one move and exactly one reply are written. A reservation no longer in that
 * status (another process moved it meanwhile) is left as it is.
 * @returns as result, whether the move is written
 */
export function decideMove(
  reservation: ReservationDocument | null,
  move: ReservationMove,
  now: Date,
): Decision<boolean> {
  if (!reservation || reservation.status !== move.from) return decision.none(false);
  assertTransition(reservation._id, move.from, move.to);
  const outbox = move.reply
    ? [
        outboxEntry(
          move.reply,
          reservation._id,
          replyMessage(move.reply, reservationFacts({ ...reservation, ...move.set }), now),
          { traceparent: reservation.traceparent },
        ),
      ]
    : [];
  return decision.update({ $set: { ...move.set, status: move.to } }, true, {
    guard: { status: move.from },
    outbox,
  });
}
