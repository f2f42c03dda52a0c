import { randomUUID } from 'node:crypto';
import { causeTraceparent } from '@saga/events';
import { decideReservationCommand, type CommandOutcome } from '../domain/command-decision.ts';
import type { CommandContext, InventoryCommand } from '../domain/inventory-command.ts';
import type { ReservationDocument } from '../model/reservation-model.ts';
import { driveReservation } from './drive-reservation.ts';
import type { ReservationDeps } from './reservation-deps.ts';

/**
 * Applies one command to its order's reservation, idempotently:
 *
 * 1. A reservation left in flight (by a crash, or by an earlier delivery of this very message) is
 *    driven to a settled status first, so every command meets a settled reservation.
 * 2. The aggregate runtime reads the reservation, skips a message id it has recorded already (its
 *    effect and its reply were written when it was applied), and otherwise writes what
 *    `decideReservationCommand` decides, recording the message id in the same write.
 * 3. A reservation that write put in flight (RESERVING, COMMITTING, RELEASING) is driven to a settled
 *    status, its reply included.
 *
 * Only another process can put the reservation in flight between 1 and 2; it is then driven and the
 * command decided again, a round per status, never more rounds than the state machine has moves.
 * The caller is the reservation's single writer.
 */
export async function applyCommand(
  deps: ReservationDeps,
  command: InventoryCommand,
  message: CommandContext,
): Promise<void> {
  const { orderId } = command.message;
  const logger = deps.logger.child({ orderId, command: command.kind, messageId: message.id });
  let outcome: CommandOutcome;
  let written: ReservationDocument | null;
  do {
    const settled = await driveReservation(deps, orderId);
    // The reservation keeps the span handling this command (with tracing off, the message's own
    // traceparent): the cause of the replies its moves send later, a crash and a restart included.
    const cause = { ...message, traceparent: causeTraceparent(message.traceparent) };
    const given = { message: cause, now: deps.now(), newReservationId: randomUUID() };
    const applied = await deps.aggregates.apply<ReservationDocument, CommandOutcome>(
      deps.Reservation,
      orderId,
      {
        message,
        // As driven just now, in this writer run: decided on without reading it again.
        current: settled,
        decide: (reservation) => decideReservationCommand(reservation, command, given),
      },
    );
    if (applied.kind === 'duplicate') {
      logger.debug('message already applied; nothing to do');
      return;
    }
    outcome = applied.result;
    written = applied.document;
  } while (outcome.kind === 'in-flight');

  switch (outcome.kind) {
    case 'reserving':
    case 'begun':
      await driveReservation(deps, orderId, written);
      return;
    case 'refused':
      logger.warn({ failure: outcome.failure }, 'reserve command cannot be reserved as it is');
      return;
    case 'marked-released':
      logger.info('release for an order with no reservation: answered released, and marked released');
      return;
    case 'answered':
      logger.info({ status: outcome.status, reply: outcome.topic }, 'answered with the existing outcome');
      return;
    case 'ignored':
      logger[outcome.level]({ status: outcome.status }, `command ignored: ${outcome.why}`);
      return;
  }
}
