import { randomUUID } from 'node:crypto';
import type { ReleaseInventory, ReserveInventory } from '@saga/contracts';
import {
  appendToOutbox,
  combineUpdates,
  isDuplicateKeyError,
  markProcessed,
  notYetProcessed,
  outboxEntry,
} from '@saga/service-kit';
import { decideCommand } from '../domain/command-decision.ts';
import { planLines } from '../domain/plan-lines.ts';
import { replyMessage } from '../domain/reply-message.ts';
import { assertTransition, isInFlight, isSettled } from '../domain/reservation-status.ts';
import { reservationFacts, type ReservationDocument } from '../model/reservation-model.ts';
import { driveReservation } from './drive-reservation.ts';
import type { CommandContext, InventoryCommand } from './inventory-command.ts';
import type { ReservationDeps } from './reservation-deps.ts';
import { ReservationStuckError } from './reservation-stuck-error.ts';

/** Rounds of "read, decide, conditional write" before giving up to a redelivery. */
const MAX_ROUNDS = 10;

/**
 * Applies one command to its order's reservation, idempotently:
 *
 * 1. A reservation left in flight (by a crash, or by an earlier delivery of this very message) is
 *    driven to a settled status first, so every command meets a settled reservation.
 * 2. A message id the reservation has already recorded changes nothing more: its effect and its reply
 *    were written when it was applied.
 * 3. Otherwise the decision table (command-decision.ts) says what to do, and the write that does it
 *    records the message id in the same conditional update (`notYetProcessed` in the filter,
 *    `markProcessed` in the update), or creates the reservation with the id already recorded.
 *
 * A write that misses (someone changed the reservation between read and write) starts a new round.
 * The caller is the reservation's single writer.
 */
export async function applyCommand(
  deps: ReservationDeps,
  command: InventoryCommand,
  message: CommandContext,
): Promise<void> {
  const { orderId } = command.message;
  const logger = deps.logger.child({ orderId, command: command.kind, messageId: message.id });
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const reservation = await deps.Reservation.findById(orderId).lean();
    if (reservation && isInFlight(reservation.status)) {
      await driveReservation(deps, orderId);
      continue;
    }
    if (reservation?.processedMessageIds.includes(message.id)) {
      logger.debug('message already applied; nothing to do');
      return;
    }
    const decision = decideCommand(
      command.kind,
      reservation && isSettled(reservation.status)
        ? { status: reservation.status, reservationId: reservation.reservationId }
        : null,
      command.kind === 'reserve' ? undefined : command.message.reservationId,
    );
    switch (decision.kind) {
      case 'ignore':
        logger[decision.level]({ status: reservation?.status ?? null }, `command ignored: ${decision.why}`);
        return;
      case 'create':
        if (!(await start(deps, command, message))) continue;
        return;
      case 'reply': {
        if (!reservation) throw new TypeError('"reply" needs a reservation');
        // A reply names the reservation the command named (the same one, except for a failed
        // reservation, whose id was never given out).
        const facts = {
          ...reservationFacts(reservation),
          ...(command.kind === 'reserve' ? {} : { reservationId: command.message.reservationId }),
        };
        const entry = outboxEntry(
          decision.topic,
          orderId,
          replyMessage(decision.topic, facts, deps.now()),
          message,
        );
        const result = await deps.Reservation.updateOne(
          { _id: orderId, status: reservation.status, ...notYetProcessed(message.id) },
          combineUpdates(markProcessed(message.id), appendToOutbox(entry)),
        );
        if (result.modifiedCount !== 1) continue;
        deps.onOutbox(orderId);
        logger.info(
          { status: reservation.status, reply: decision.topic },
          'answered with the existing outcome',
        );
        return;
      }
      case 'begin': {
        if (!reservation) throw new TypeError('"begin" needs a reservation');
        assertTransition(orderId, reservation.status, decision.status);
        const audit =
          command.kind === 'commit'
            ? { paymentId: command.message.paymentId }
            : command.kind === 'release'
              ? { releaseReason: command.message.reason }
              : {};
        const result = await deps.Reservation.updateOne(
          { _id: orderId, status: reservation.status, ...notYetProcessed(message.id) },
          combineUpdates(
            { $set: { status: decision.status, traceparent: message.traceparent, ...audit } },
            markProcessed(message.id),
          ),
        );
        if (result.modifiedCount !== 1) continue;
        await driveReservation(deps, orderId);
        return;
      }
    }
  }
  throw new ReservationStuckError(orderId, MAX_ROUNDS);
}

/** Creates the order's reservation; false if the order got one meanwhile (then the caller decides again). */
async function start(deps: ReservationDeps, command: InventoryCommand, message: CommandContext) {
  switch (command.kind) {
    case 'reserve':
      return startReserving(deps, command.message, message);
    case 'release': {
      if (!(await insert(deps, releasedMarker(deps, command.message, message)))) return false;
      deps.onOutbox(command.message.orderId);
      deps.logger.info(
        { orderId: command.message.orderId },
        'release for an order with no reservation: answered released, and marked released',
      );
      return true;
    }
    case 'commit':
      throw new TypeError('a commit never creates a reservation; the decision table says otherwise');
  }
}

/** Starts reserving (RESERVING, then driven), or FAILED at once when the lines cannot be reserved at all. */
async function startReserving(
  deps: ReservationDeps,
  reserve: ReserveInventory,
  message: CommandContext,
): Promise<boolean> {
  const plan = planLines(reserve.items);
  const reservationId = randomUUID();
  const base = {
    _id: reserve.orderId,
    reservationId,
    sagaId: reserve.sagaId,
    traceparent: message.traceparent,
    processedMessageIds: [message.id],
  };
  if (plan.ok) {
    if (!(await insert(deps, { ...base, status: 'RESERVING', lines: [...plan.lines] }))) return false;
    await driveReservation(deps, reserve.orderId);
    return true;
  }
  // Nothing can be held, so there is nothing to roll back: FAILED at once, with its reply.
  const failedAt = deps.now();
  const reply = replyMessage(
    'inventory.failed',
    {
      ...noTimes,
      orderId: reserve.orderId,
      sagaId: reserve.sagaId,
      reservationId,
      failure: plan.failure,
      failedAt,
    },
    failedAt,
  );
  const failed = {
    ...base,
    status: 'FAILED' as const,
    failure: plan.failure,
    failedAt,
    outbox: [outboxEntry('inventory.failed', reserve.orderId, reply, message)],
  };
  if (!(await insert(deps, failed))) return false;
  deps.onOutbox(reserve.orderId);
  deps.logger.warn(
    { orderId: reserve.orderId, failure: plan.failure },
    'reserve command cannot be reserved as it is',
  );
  return true;
}

/**
 * A RELEASED reservation for an order that had none, with its `inventory.released` reply: the saga
 * gets its answer, and a reserve arriving late for the order finds it released and holds nothing.
 */
function releasedMarker(
  deps: ReservationDeps,
  release: ReleaseInventory,
  message: CommandContext,
): Partial<ReservationDocument> {
  const releasedAt = deps.now();
  const facts = {
    ...noTimes,
    orderId: release.orderId,
    sagaId: release.sagaId,
    reservationId: release.reservationId,
    failure: null,
    releasedAt,
  };
  return {
    _id: release.orderId,
    reservationId: release.reservationId,
    sagaId: release.sagaId,
    status: 'RELEASED',
    releaseReason: release.reason,
    releasedAt,
    traceparent: message.traceparent,
    processedMessageIds: [message.id],
    outbox: [
      outboxEntry(
        'inventory.released',
        release.orderId,
        replyMessage('inventory.released', facts, releasedAt),
        message,
      ),
    ],
  };
}

const noTimes = { reservedAt: null, failedAt: null, committedAt: null, releasedAt: null };

/** Inserts a new reservation; false when the order has one already (created concurrently). */
async function insert(deps: ReservationDeps, reservation: Partial<ReservationDocument>): Promise<boolean> {
  try {
    await deps.Reservation.create(reservation);
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
