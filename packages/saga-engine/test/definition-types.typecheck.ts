// Compiled by `npm run typecheck`, never run. Each @ts-expect-error proves that a wrong definition
// does not compile; should one compile after all, tsc fails on the unused directive.
/* eslint-disable @typescript-eslint/no-unsafe-assignment -- the wrong values are the point */
import { defineSaga } from '../src/index.ts';
import type { TripData, TripFailure, TripTopics } from './trip-saga.ts';

export const wrongDefinitions = () =>
  defineSaga<TripTopics, TripData, TripFailure>({
    name: 'wrong',
    steps: [
      {
        name: 'bookFlight',
        // @ts-expect-error: a command's value is its topic's message type (destination is missing)
        command: { topic: 'flight.book', value: (data) => ({ tripId: data.tripId }) },
        onSuccess: {
          // @ts-expect-error: a reply handler gets its topic's message type (flight.booked has no rentalId)
          'flight.booked': (data, reply) => ({ ...data, bookingId: reply.rentalId }),
        },
        onFailure: {
          // @ts-expect-error: a failure reason is one of the saga's reasons
          'flight.unavailable': () => ({ reason: 'NO_SUCH_REASON' }),
        },
      },
    ],
    onCompleted: [
      {
        // @ts-expect-error: only topics of the topic map can be sent
        topic: 'no.such.topic',
        value: (data: TripData) => ({ tripId: data.tripId }),
      },
    ],
    onCancelled: [],
  });
