// A made-up saga to specify the runtime with: booking a trip, keyed by its trip id. Not the order
// saga, so the runtime's tests depend on no service, and on no contracts: its topics are its own.
// Its shape is the order saga's (three steps, the first two compensated, the last never given up
// on), so what the manager does with each kind of step shows here.
import { randomUUID } from 'node:crypto';
import { defineSaga, start, type SagaReply, type StepPolicy } from '@saga/saga-engine';
import { defineSagaBinding, type Delivery } from '../../src/index.ts';

export type TripFailure = 'NO_FLIGHT' | 'CARD_DECLINED' | 'FLIGHT_TIMED_OUT' | 'CARD_TIMED_OUT' | 'GIVEN_UP';

/** What a reply carries back besides its own fields: the trip and the saga. */
interface Ids {
  tripId: string;
  sagaId: string;
}

export interface TripTopics {
  'trip.requested': { tripId: string; destination: string; amount: number };
  'flight.book': Ids & { destination: string; requestedAt: Date };
  'flight.booked': Ids & { bookingId: string };
  'flight.unavailable': Ids;
  'flight.cancel': Ids & { bookingId: string; reason: TripFailure; requestedAt: Date };
  'flight.cancelled': Ids;
  'card.charge': Ids & { amount: number; requestedAt: Date };
  'card.charged': Ids & { chargeId: string };
  'card.declined': Ids;
  'card.refund': Ids & { chargeId: string; requestedAt: Date };
  'card.refunded': Ids;
  'tickets.issue': Ids & { bookingId: string; chargeId: string };
  'tickets.issued': Ids;
  'trip.confirm': Ids & { bookingId: string };
  'trip.reject': Ids & { reason: TripFailure };
}

export interface TripData {
  readonly tripId: string;
  readonly sagaId: string;
  readonly destination: string;
  readonly amount: number;
  readonly bookingId: string | null;
  readonly chargeId: string | null;
}

/** Test code only: the steps have run, so the id is there. */
function present(value: string | null): string {
  if (value === null) throw new Error('expected a value recorded by an earlier reply');
  return value;
}

const backoff = { multiplier: 2, maxDeadlineMs: 120_000, jitter: 0.2 } as const;
/** Booking and charging: 30 s, 60 s, 120 s, then the trip is rejected. */
export const bookFlightPolicy: StepPolicy = { deadlineMs: 30_000, maxAttempts: 3, backoff };
export const chargeCardPolicy: StepPolicy = { deadlineMs: 30_000, maxAttempts: 3, backoff };
/** Issuing tickets after the charge, and undoing: five sends, then the saga needs attention. */
export const patientPolicy: StepPolicy = { deadlineMs: 30_000, maxAttempts: 5, backoff };

export const tripSaga = defineSaga<TripTopics, TripData, TripFailure>({
  name: 'trip',
  steps: [
    {
      name: 'bookFlight',
      command: {
        topic: 'flight.book',
        value: (data, { now }) => ({
          tripId: data.tripId,
          sagaId: data.sagaId,
          destination: data.destination,
          requestedAt: now,
        }),
      },
      onSuccess: { 'flight.booked': (data, reply) => ({ ...data, bookingId: reply.bookingId }) },
      onFailure: { 'flight.unavailable': () => ({ reason: 'NO_FLIGHT' }) },
      policy: bookFlightPolicy,
      onTimeout: () => ({ reason: 'FLIGHT_TIMED_OUT' }),
      compensation: {
        command: {
          topic: 'flight.cancel',
          value: (data, { now, reason }) => ({
            tripId: data.tripId,
            sagaId: data.sagaId,
            bookingId: present(data.bookingId),
            reason,
            requestedAt: now,
          }),
        },
        onConfirmed: { 'flight.cancelled': (data) => data },
        policy: patientPolicy,
        compensateLateSuccess: true,
      },
    },
    {
      name: 'chargeCard',
      command: {
        topic: 'card.charge',
        value: (data, { now }) => ({
          tripId: data.tripId,
          sagaId: data.sagaId,
          amount: data.amount,
          requestedAt: now,
        }),
      },
      onSuccess: { 'card.charged': (data, reply) => ({ ...data, chargeId: reply.chargeId }) },
      onFailure: { 'card.declined': () => ({ reason: 'CARD_DECLINED' }) },
      policy: chargeCardPolicy,
      onTimeout: () => ({ reason: 'CARD_TIMED_OUT' }),
      compensation: {
        command: {
          topic: 'card.refund',
          value: (data, { now }) => ({
            tripId: data.tripId,
            sagaId: data.sagaId,
            chargeId: present(data.chargeId),
            requestedAt: now,
          }),
        },
        onConfirmed: { 'card.refunded': (data) => data },
        policy: patientPolicy,
        compensateLateSuccess: true,
      },
    },
    {
      name: 'issueTickets',
      command: {
        topic: 'tickets.issue',
        value: (data) => ({
          tripId: data.tripId,
          sagaId: data.sagaId,
          bookingId: present(data.bookingId),
          chargeId: present(data.chargeId),
        }),
      },
      onSuccess: { 'tickets.issued': (data) => data },
      // No onTimeout: once charged, the trip goes on; unanswered, the saga needs attention.
      policy: patientPolicy,
    },
  ],
  onCompleted: [
    {
      topic: 'trip.confirm',
      value: (data) => ({ tripId: data.tripId, sagaId: data.sagaId, bookingId: present(data.bookingId) }),
    },
  ],
  onCancelled: [
    {
      topic: 'trip.reject',
      value: (data, { reason }) => ({ tripId: data.tripId, sagaId: data.sagaId, reason }),
    },
  ],
  // A person may give up on a booking or a charge (POST /sagas/:sagaId/compensate).
  onCompensationRequested: () => ({ reason: 'GIVEN_UP' }),
});

/** A requested trip starts the trip saga. */
export function startTripSaga(
  request: TripTopics['trip.requested'],
  options: { readonly sagaId: string; readonly now: Date },
) {
  return start(tripSaga, tripData(request, options.sagaId), { now: options.now });
}

/** A requested trip's saga data, before any step ran. */
export function tripData(request: TripTopics['trip.requested'], sagaId: string): TripData {
  return { ...request, sagaId, bookingId: null, chargeId: null };
}

/**
 * The trip saga bound to its messages: trip.requested starts it, keyed by the trip id (`tripId`);
 * every reply carries the trip id and the saga id back.
 */
export const tripSagaBinding = defineSagaBinding({
  definition: tripSaga,
  key: { name: 'tripId', of: (request) => request.tripId },
  start: { topic: 'trip.requested', data: (request, { sagaId }) => tripData(request, sagaId) },
  correlate: ({ message }) =>
    'sagaId' in message ? { key: message.tripId, sagaId: message.sagaId } : undefined,
});

/** The trace every test delivery belongs to. */
export const traceId = '0af7651916cd43dd8448eb211c80319c';

/** A delivered message's id and trace; a new id unless one is given (a redelivery keeps its id). */
export function delivery(id: string = randomUUID()): Delivery {
  return { id, traceparent: `00-${traceId}-b7ad6b7169203331-01` };
}

/** A trip as requested: to Lisbon, 120.00, with its own trip id unless one is given. */
export function tripRequested(tripId: string = randomUUID()): TripTopics['trip.requested'] {
  return { tripId, destination: 'Lisbon', amount: 120_00 };
}

/** The topics the trip saga awaits replies on. */
export type ReplyTopic =
  | 'flight.booked'
  | 'flight.unavailable'
  | 'flight.cancelled'
  | 'card.charged'
  | 'card.declined'
  | 'card.refunded'
  | 'tickets.issued';

/** What each reply carries besides the ids. */
const replyFields: { [T in ReplyTopic]: Omit<TripTopics[T], keyof Ids> } = {
  'flight.booked': { bookingId: 'booking-1' },
  'flight.unavailable': {},
  'flight.cancelled': {},
  'card.charged': { chargeId: 'charge-1' },
  'card.declined': {},
  'card.refunded': {},
  'tickets.issued': {},
};

/** A reply of `topic` for this trip and saga. */
export function replyFor(topic: ReplyTopic, ids: Ids): SagaReply<TripTopics> {
  return { topic, message: { ...replyFields[topic], ...ids } } as SagaReply<TripTopics>;
}
