import { decision, outboxEntry, type Decision } from '@saga/service-kit';
import type { ReservationDocument } from '../model/reservation-model.ts';
import type { CommandContext, InventoryCommand } from './inventory-command.ts';
import { planLines } from './plan-lines.ts';
import { replyMessage, reservationFacts } from './reply-message.ts';
import type { CommandKind, ReplyTopic } from './reply-topic.ts';
import type { ReservationFailure } from './reservation-failure.ts';
import {
  assertTransition,
  isInFlight,
  type InFlightStatus,
  type ReservationStatus,
  type SettledStatus,
} from './reservation-status.ts';

/** What to do with a command, given the settled state of the order's reservation (in-flight ones are driven to a settled state first). */
export type CommandDecision =
  /**
   * No reservation yet: create one. For a reserve, RESERVING (or FAILED when its lines cannot be
   * reserved at all); for a release, a RELEASED marker with the answer the compensating saga waits for.
   */
  | { readonly kind: 'create' }
  /** Move the reservation into an in-flight status and drive it. */
  | { readonly kind: 'begin'; readonly status: 'COMMITTING' | 'RELEASING' }
  /** The outcome is already there: answer with it again, so a retried command gets its answer. */
  | { readonly kind: 'reply'; readonly topic: ReplyTopic }
  /** Nothing sensible to do or say: log it at `level` with `why`, and change nothing. */
  | { readonly kind: 'ignore'; readonly level: 'warn' | 'error'; readonly why: string };

/**
 * Every command against every settled state, as a table. The rule behind it: a command whose outcome
 * already exists is answered with that outcome again (idempotent outcomes; the orchestrator ignores
 * replies it no longer waits for), and a command that contradicts the reservation's history is
 * logged and ignored, because any reply would claim something that did not happen.
 */
export const commandDecisions: Readonly<
  Record<CommandKind, Readonly<Record<SettledStatus | 'NONE', CommandDecision>>>
> = {
  reserve: {
    NONE: { kind: 'create' },
    RESERVED: { kind: 'reply', topic: 'inventory.reserved' },
    FAILED: { kind: 'reply', topic: 'inventory.failed' },
    COMMITTED: {
      kind: 'ignore',
      level: 'warn',
      why: 'the reservation is already committed: the saga is past reserving, and holding more stock would sell the order twice',
    },
    RELEASED: {
      kind: 'ignore',
      level: 'warn',
      why: 'the order was released (compensated): stock held for it now would never be committed or released',
    },
  },
  commit: {
    NONE: {
      kind: 'ignore',
      level: 'error',
      why: 'no reservation exists for this order, so there is nothing to commit',
    },
    RESERVED: { kind: 'begin', status: 'COMMITTING' },
    FAILED: { kind: 'ignore', level: 'error', why: 'the reservation failed and holds nothing to commit' },
    COMMITTED: { kind: 'reply', topic: 'inventory.completed' },
    RELEASED: {
      kind: 'ignore',
      level: 'error',
      why: 'the reservation was released and its stock may be sold to others; it cannot be committed any more',
    },
  },
  release: {
    NONE: { kind: 'create' },
    RESERVED: { kind: 'begin', status: 'RELEASING' },
    // Nothing is held, so releasing is already done; the compensating saga still needs its answer.
    FAILED: { kind: 'reply', topic: 'inventory.released' },
    COMMITTED: {
      kind: 'ignore',
      level: 'error',
      why: 'the stock is sold; a committed reservation cannot be released (returns are not part of the saga)',
    },
    RELEASED: { kind: 'reply', topic: 'inventory.released' },
  },
};

/**
 * Decides what a command does to an order's reservation. Commit and release name the reservation they
 * mean; one that names another reservation of the order is ignored, since it was not meant for this one.
 * A FAILED reservation is the exception: `inventory.failed` carries no reservation id, so the saga
 * cannot know it, and since such a reservation holds nothing, any release of it is done already.
 */
export function decideCommand(
  command: CommandKind,
  reservation: { readonly status: SettledStatus; readonly reservationId: string } | null,
  commandReservationId?: string,
): CommandDecision {
  if (
    reservation &&
    reservation.status !== 'FAILED' &&
    commandReservationId !== undefined &&
    commandReservationId !== reservation.reservationId
  ) {
    return {
      kind: 'ignore',
      level: 'error',
      why: `the command names reservation ${commandReservationId}, but the order's reservation is ${reservation.reservationId}`,
    };
  }
  return commandDecisions[command][reservation?.status ?? 'NONE'];
}

/** What applying a command to its order's reservation came to; the engine logs it, and drives what is in flight. */
export type CommandOutcome =
  /** Created RESERVING: its lines are to be held now. */
  | { readonly kind: 'reserving' }
  /** Created FAILED at once, with its reply: the lines cannot be reserved as they are. */
  | { readonly kind: 'refused'; readonly failure: ReservationFailure }
  /** Created a RELEASED marker, with its reply, for a release of an order that had no reservation. */
  | { readonly kind: 'marked-released' }
  /** Moved RESERVED into COMMITTING or RELEASING: its holds are to be sold or given back now. */
  | { readonly kind: 'begun'; readonly status: 'COMMITTING' | 'RELEASING' }
  /** Answered again with the outcome that already exists. */
  | { readonly kind: 'answered'; readonly topic: ReplyTopic; readonly status: SettledStatus }
  /** Logged at `level` and changed nothing. */
  | {
      readonly kind: 'ignored';
      readonly level: 'warn' | 'error';
      readonly why: string;
      readonly status: ReservationStatus | null;
    }
  /** The reservation is in flight (the engine drives it to a settled status first; only another process can have moved it since): decide again once it is settled. */
  | { readonly kind: 'in-flight'; readonly status: InFlightStatus };

/** What a command decision is given besides the reservation and the command: its message, the time, and the id a new reservation gets. */
export interface CommandGiven {
  readonly message: Pick<CommandContext, 'traceparent'>;
  readonly now: Date;
  readonly newReservationId: string;
}

/**
 * The write a command makes to its order's reservation (the aggregate; id = the order id), decided on
 * the reservation as read, by the table above. The aggregate runtime records the command's message id
 * in the same write, so a message is applied once. Every update is guarded by the status it was
 * decided on, and a reply goes into the reservation's outbox in the same write.
 */
export function decideReservationCommand(
  reservation: ReservationDocument | null,
  command: InventoryCommand,
  given: CommandGiven,
): Decision<CommandOutcome> {
  const status = reservation?.status ?? null;
  if (status !== null && isInFlight(status)) return decision.none({ kind: 'in-flight', status });
  const named = command.kind === 'reserve' ? undefined : command.message.reservationId;
  const settled = reservation && status && { status, reservationId: reservation.reservationId };
  const decided = decideCommand(command.kind, settled, named);
  switch (decided.kind) {
    case 'ignore':
      return decision.none({
        kind: 'ignored',
        level: decided.level,
        why: decided.why,
        status,
      });
    case 'create':
      return create(command, given);
    case 'reply': {
      if (!reservation || !status) throw new TypeError('"reply" needs a reservation');
      // A reply names the reservation the command named (the same one, except for a failed
      // reservation, whose id was never given out).
      const facts = {
        ...reservationFacts(reservation),
        ...(named === undefined ? {} : { reservationId: named }),
      };
      const entry = outboxEntry(
        decided.topic,
        reservation._id,
        replyMessage(decided.topic, facts, given.now),
        given.message,
      );
      return decision.update(
        {},
        { kind: 'answered', topic: decided.topic, status },
        { guard: { status }, outbox: [entry] },
      );
    }
    case 'begin': {
      if (!reservation) throw new TypeError('"begin" needs a reservation');
      assertTransition(reservation._id, reservation.status, decided.status);
      const audit =
        command.kind === 'commit'
          ? { paymentId: command.message.paymentId }
          : command.kind === 'release'
            ? { releaseReason: command.message.reason }
            : {};
      return decision.update(
        { $set: { status: decided.status, traceparent: given.message.traceparent, ...audit } },
        { kind: 'begun', status: decided.status },
        { guard: { status: reservation.status } },
      );
    }
  }
}

/** The reservation a command creates for an order that has none. */
function create(command: InventoryCommand, given: CommandGiven): Decision<CommandOutcome> {
  switch (command.kind) {
    case 'reserve':
      return startReserving(command.message, given);
    case 'release':
      return releasedMarker(command.message, given);
    case 'commit':
      throw new TypeError('a commit never creates a reservation; the decision table says otherwise');
  }
}

/** RESERVING, to be driven; or FAILED at once, with its reply, when the lines cannot be reserved at all. */
function startReserving(
  reserve: Extract<InventoryCommand, { kind: 'reserve' }>['message'],
  given: CommandGiven,
): Decision<CommandOutcome> {
  const plan = planLines(reserve.items);
  const base = {
    reservationId: given.newReservationId,
    sagaId: reserve.sagaId,
    traceparent: given.message.traceparent,
  };
  if (plan.ok) {
    return decision.insert(
      { ...base, status: 'RESERVING', lines: [...plan.lines], currency: reserve.currency },
      { kind: 'reserving' },
    );
  }
  // Nothing can be held, so there is nothing to roll back: FAILED at once, with its reply.
  const failedAt = given.now;
  const reply = replyMessage(
    'inventory.failed',
    { ...noTimes, orderId: reserve.orderId, ...base, failure: plan.failure, failedAt },
    failedAt,
  );
  return decision.insert(
    { ...base, status: 'FAILED', failure: plan.failure, failedAt },
    { kind: 'refused', failure: plan.failure },
    [outboxEntry('inventory.failed', reserve.orderId, reply, given.message)],
  );
}

/**
 * A RELEASED reservation for an order that had none, with its `inventory.released` reply: the saga
 * gets its answer, and a reserve arriving late for the order finds it released and holds nothing.
 */
function releasedMarker(
  release: Extract<InventoryCommand, { kind: 'release' }>['message'],
  given: CommandGiven,
): Decision<CommandOutcome> {
  const releasedAt = given.now;
  const facts = {
    ...noTimes,
    orderId: release.orderId,
    sagaId: release.sagaId,
    reservationId: release.reservationId,
    failure: null,
    releasedAt,
  };
  return decision.insert(
    {
      reservationId: release.reservationId,
      sagaId: release.sagaId,
      status: 'RELEASED',
      releaseReason: release.reason,
      releasedAt,
      traceparent: given.message.traceparent,
    },
    { kind: 'marked-released' },
    [
      outboxEntry(
        'inventory.released',
        release.orderId,
        replyMessage('inventory.released', facts, releasedAt),
        given.message,
      ),
    ],
  );
}

const noTimes = {
  reservedAt: null,
  failedAt: null,
  committedAt: null,
  releasedAt: null,
  pricedLines: [],
  total: null,
};
