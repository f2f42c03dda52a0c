import type { CommandKind, ReplyTopic } from './reply-topic.ts';
import type { SettledStatus } from './reservation-status.ts';

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
