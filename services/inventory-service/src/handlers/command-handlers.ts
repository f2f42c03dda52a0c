import type { ServiceHandlers } from '@saga/service-kit';
import type { ReservationEngine } from '../reservation/reservation-engine.ts';

/**
 * The three commands, each handed to the reservation engine with its message's id and trace. A handler
 * resolves only once the reservation is settled and its reply is in the outbox, so the consumer
 * commits the offset only then: a crash before that gets the message delivered again.
 */
export function commandHandlers(
  engine: ReservationEngine,
): Required<Pick<ServiceHandlers, 'inventory.reserve' | 'inventory.commit' | 'inventory.release'>> {
  return {
    'inventory.reserve': (message, context) => engine.apply({ kind: 'reserve', message }, context),
    'inventory.commit': (message, context) => engine.apply({ kind: 'commit', message }, context),
    'inventory.release': (message, context) => engine.apply({ kind: 'release', message }, context),
  };
}
