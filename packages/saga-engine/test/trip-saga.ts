// A made-up saga to specify the engine with: booking a trip. Not the order saga, so the engine's
// tests depend on no contracts, and it has what the order saga lacks: an optional step, a step
// that cannot fail, one with nothing to undo, and a late success to compensate.
import { defineSaga, type SagaReply, type SagaSpec } from '../src/index.ts';

export type TripFailure = 'NO_FLIGHT' | 'VISA_DENIED' | 'CARD_DECLINED' | 'TICKETS_REFUSED' | 'TIMED_OUT';

export interface TripTopics {
  'flight.book': { tripId: string; destination: string; requestedAt: Date };
  'flight.booked': { tripId: string; bookingId: string };
  'flight.unavailable': { tripId: string };
  'flight.cancel': { tripId: string; bookingId: string; reason: TripFailure };
  'flight.cancelled': { tripId: string };
  'visa.check': { tripId: string; destination: string };
  'visa.granted': { tripId: string };
  'visa.denied': { tripId: string; note: string };
  'car.rent': { tripId: string };
  'car.rented': { tripId: string; rentalId: string };
  'car.return': { tripId: string; rentalId: string };
  'car.returned': { tripId: string };
  'card.charge': { tripId: string; amount: number };
  'card.charged': { tripId: string; chargeId: string };
  'card.declined': { tripId: string };
  'card.refund': { tripId: string; chargeId: string; reason: TripFailure };
  'card.refunded': { tripId: string };
  'card.refundRefused': { tripId: string; why: string };
  'tickets.issue': { tripId: string; bookingId: string };
  'tickets.issued': { tripId: string };
  'tickets.refused': { tripId: string };
  'trip.confirm': { tripId: string; bookingId: string; confirmedAt: Date };
  'trip.confirmed': { tripId: string };
  'trip.reject': { tripId: string; reason: TripFailure; note: string | null; rejectedAt: Date };
  'trip.rejected': { tripId: string };
  'trip.requested': { tripId: string };
}

export interface TripData {
  readonly tripId: string;
  readonly destination: string;
  readonly amount: number;
  readonly wantsCar: boolean;
  readonly bookingId: string | null;
  readonly rentalId: string | null;
  readonly chargeId: string | null;
  readonly note: string | null;
}

/** Test code only: the steps have run, so the id is there. */
function present(value: string | null): string {
  if (value === null) throw new Error('expected a value recorded by an earlier reply');
  return value;
}

export const tripSpec: SagaSpec<TripTopics, TripData, TripFailure> = {
  name: 'trip',
  steps: [
    {
      name: 'bookFlight',
      command: {
        topic: 'flight.book',
        value: (data, { now }) => ({ tripId: data.tripId, destination: data.destination, requestedAt: now }),
      },
      onSuccess: { 'flight.booked': (data, reply) => ({ ...data, bookingId: reply.bookingId }) },
      onFailure: { 'flight.unavailable': () => ({ reason: 'NO_FLIGHT' }) },
      compensation: {
        command: {
          topic: 'flight.cancel',
          value: (data, { reason }) => ({ tripId: data.tripId, bookingId: present(data.bookingId), reason }),
        },
        onConfirmed: { 'flight.cancelled': (data) => ({ ...data, bookingId: null }) },
      },
    },
    {
      name: 'checkVisa',
      command: {
        topic: 'visa.check',
        value: (data) => ({ tripId: data.tripId, destination: data.destination }),
      },
      onSuccess: { 'visa.granted': (data) => data },
      onFailure: {
        'visa.denied': (data, reply) => ({ reason: 'VISA_DENIED', data: { ...data, note: reply.note } }),
      },
    },
    {
      name: 'rentCar',
      command: {
        topic: 'car.rent',
        when: (data) => data.wantsCar,
        value: (data) => ({ tripId: data.tripId }),
      },
      onSuccess: { 'car.rented': (data, reply) => ({ ...data, rentalId: reply.rentalId }) },
      compensation: {
        command: {
          topic: 'car.return',
          value: (data) => ({ tripId: data.tripId, rentalId: present(data.rentalId) }),
        },
        onConfirmed: { 'car.returned': (data) => data },
      },
    },
    {
      name: 'chargeCard',
      command: { topic: 'card.charge', value: (data) => ({ tripId: data.tripId, amount: data.amount }) },
      onSuccess: { 'card.charged': (data, reply) => ({ ...data, chargeId: reply.chargeId }) },
      onFailure: { 'card.declined': () => ({ reason: 'CARD_DECLINED' }) },
      compensation: {
        command: {
          topic: 'card.refund',
          value: (data, { reason }) => ({ tripId: data.tripId, chargeId: present(data.chargeId), reason }),
        },
        onConfirmed: { 'card.refunded': (data) => data },
        compensateLateSuccess: true,
      },
    },
    {
      name: 'issueTickets',
      command: {
        topic: 'tickets.issue',
        value: (data) => ({ tripId: data.tripId, bookingId: present(data.bookingId) }),
      },
      onSuccess: { 'tickets.issued': (data) => data },
      onFailure: { 'tickets.refused': () => ({ reason: 'TICKETS_REFUSED' }) },
    },
  ],
  onCompleted: [
    {
      topic: 'trip.confirm',
      value: (data, { now }) => ({
        tripId: data.tripId,
        bookingId: present(data.bookingId),
        confirmedAt: now,
      }),
    },
  ],
  onCancelled: [
    {
      topic: 'trip.reject',
      value: (data, { now, reason }) => ({ tripId: data.tripId, reason, note: data.note, rejectedAt: now }),
    },
  ],
};

export const tripSaga = defineSaga(tripSpec);

export const tripId = 'trip-1';
export const now = new Date('2025-01-02T03:04:05.000Z');

export function tripData(overrides: Partial<TripData> = {}): TripData {
  return {
    tripId,
    destination: 'Lisbon',
    amount: 120_00,
    wantsCar: true,
    bookingId: null,
    rentalId: null,
    chargeId: null,
    note: null,
    ...overrides,
  };
}

/** A reply of the trip saga, its topic and message checked together. */
export function reply<T extends keyof TripTopics>(topic: T, message: TripTopics[T]): SagaReply<TripTopics> {
  return { topic, message } as SagaReply<TripTopics>;
}

/** Freezes a value and everything in it, so a test proves the engine changes nothing it is given. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
