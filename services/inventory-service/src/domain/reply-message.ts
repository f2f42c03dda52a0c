import type { Money, PricedLine, TopicMessageMap } from '@saga/contracts';
import type { ReplyTopic } from './reply-topic.ts';
import type { ReservationFailure } from './reservation-failure.ts';

/** What a reply is made of: the reservation as stored. */
export interface ReservationFacts {
  readonly orderId: string;
  readonly sagaId: string;
  readonly reservationId: string;
  readonly failure: ReservationFailure | null;
  /** The lines at their catalogue prices, and their total: empty and null until RESERVED. */
  readonly pricedLines: readonly PricedLine[];
  readonly total: Money | null;
  readonly reservedAt: Date | null;
  readonly failedAt: Date | null;
  readonly committedAt: Date | null;
  readonly releasedAt: Date | null;
}

/** The facts of a stored reservation (its `_id` is the order id). */
export function reservationFacts(
  reservation: Omit<ReservationFacts, 'orderId' | 'pricedLines' | 'total'> & {
    readonly _id: string;
    // Absent on reservations stored before prices.
    readonly pricedLines?: readonly PricedLine[];
    readonly total?: Money | null;
  },
): ReservationFacts {
  return {
    orderId: reservation._id,
    sagaId: reservation.sagaId,
    reservationId: reservation.reservationId,
    failure: reservation.failure,
    pricedLines: reservation.pricedLines ?? [],
    total: reservation.total ?? null,
    reservedAt: reservation.reservedAt,
    failedAt: reservation.failedAt,
    committedAt: reservation.committedAt,
    releasedAt: reservation.releasedAt,
  };
}

type Builders = { readonly [T in ReplyTopic]: (facts: ReservationFacts, now: Date) => TopicMessageMap[T] };

/**
 * The reply messages, built from the stored reservation. Times are the ones recorded when the status
 * was reached, so an answer sent again says what the first one said; `now` only stands in for a time
 * that was never recorded (a release of a reservation that failed, which moves nothing).
 */
const builders: Builders = {
  'inventory.reserved': (facts, now) => ({
    orderId: facts.orderId,
    sagaId: facts.sagaId,
    reservationId: facts.reservationId,
    pricedLines: facts.pricedLines.map(({ sku, quantity, unitPrice }) => ({
      sku,
      quantity,
      unitPrice: { amountMinor: unitPrice.amountMinor, currency: unitPrice.currency },
    })),
    total: facts.total && { amountMinor: facts.total.amountMinor, currency: facts.total.currency },
    // Held until the saga commits or releases it: the inventory service has no expiry of its own (yet).
    expiresAt: null,
    reservedAt: facts.reservedAt ?? now,
  }),
  'inventory.failed': (facts, now) => ({
    orderId: facts.orderId,
    sagaId: facts.sagaId,
    reason: facts.failure?.reason ?? 'UNKNOWN',
    unavailableSkus: [...(facts.failure?.unavailableSkus ?? [])],
    failedAt: facts.failedAt ?? now,
  }),
  'inventory.completed': (facts, now) => ({
    orderId: facts.orderId,
    sagaId: facts.sagaId,
    reservationId: facts.reservationId,
    committedAt: facts.committedAt ?? now,
  }),
  'inventory.released': (facts, now) => ({
    orderId: facts.orderId,
    sagaId: facts.sagaId,
    reservationId: facts.reservationId,
    releasedAt: facts.releasedAt ?? now,
  }),
};

export function replyMessage<T extends ReplyTopic>(
  topic: T,
  facts: ReservationFacts,
  now: Date,
): TopicMessageMap[T] {
  return builders[topic](facts, now);
}
