import {
  isEnded,
  nextDeadline,
  type AppliedReply,
  type AttentionReason,
  type CompensationRequested,
  type SagaAttention,
  type SagaStatus,
  type IgnoredReply,
  type Retried,
  type SagaDecision,
  type SagaState,
  type SagaTransition,
  type TimedOut,
} from '@saga/saga-engine';
import { combineUpdates, type OutboxEntry } from '@saga/service-kit';
import type { HistoryEntry, SagaDocument } from './saga-document.ts';
import {
  compensateEntry,
  receivedEntry,
  retryEntry,
  sentEntries,
  timeoutEntry,
  type ReceivedMessage,
  type Rejection,
} from './history-entry.ts';
import { stepRecords } from './step-records.ts';

/** A MongoDB update document, operator by operator. */
export type SagaUpdate = Record<string, Record<string, unknown>>;

/**
 * The document a new saga is inserted as, in one write: the started state, its first commands in the
 * outbox, the history (the starting message, then the commands), and the starting message's id.
 */
export function newSagaDocument<M extends object, D, R>(params: {
  readonly sagaId: string;
  /** The saga's key, its name in the binding, and its instance when the key has several sagas. */
  readonly key: { readonly name: string; readonly value: string; readonly instance?: string };
  readonly decision: SagaDecision<M, D, R>;
  readonly received: ReceivedMessage;
  readonly outbox: readonly OutboxEntry[];
  /** The span that started the saga (see SagaDocument.traceparent). */
  readonly traceparent?: string;
  readonly now: Date;
}): SagaDocument<D, R> {
  const { decision, received, outbox, now } = params;
  return {
    _id: params.sagaId,
    key: params.key.value,
    keyName: params.key.name,
    ...(params.key.instance === undefined ? {} : { instance: params.key.instance }),
    ...stateFields(decision.state),
    stateVersion: decision.state.stateVersion,
    saga: decision.state.saga,
    steps: stepRecords(null, decision.state.steps, now),
    history: [
      receivedEntry(received, { kind: 'STARTED' }, decision.state.status, now),
      ...sentEntries(outbox, now),
    ],
    processedMessageIds: [received.messageId],
    outbox: [...outbox],
    ...(params.traceparent === undefined ? {} : { traceparent: params.traceparent }),
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * The one update that records what the engine decided about a reply. APPLIED: the new state and
 * step records, the history (the commands sent included), the next version. IGNORED: the state stays
 * as it is, and only the history and the version change. The aggregate runtime adds the message id
 * and the commands' outbox entries to the same update.
 */
export function transitionUpdate<M extends object, D, R>(params: {
  readonly before: SagaDocument<D, R>;
  readonly transition: SagaTransition<M, D, R> & {
    readonly outcome: AppliedReply | IgnoredReply;
  };
  readonly received: ReceivedMessage;
  readonly outbox: readonly OutboxEntry[];
  readonly now: Date;
}): SagaUpdate {
  const { before, transition, received, outbox, now } = params;
  const history = [receivedEntry(received, transition.outcome, transition.state.status, now)];
  return transition.outcome.kind === 'APPLIED'
    ? decisionUpdate(before, transition.state, history, outbox, now)
    : historyUpdate(before.history, history, now);
}

/** The update for a deadline that passed: the engine's new state, its re-sent or compensating commands, the history. */
export function timeoutUpdate<M extends object, D, R>(params: {
  readonly before: SagaDocument<D, R>;
  readonly transition: SagaTransition<M, D, R> & { readonly outcome: TimedOut };
  readonly outbox: readonly OutboxEntry[];
  readonly now: Date;
}): SagaUpdate {
  const { before, transition, outbox, now } = params;
  const history = [timeoutEntry(transition.outcome, transition.state.status, now)];
  return decisionUpdate(before, transition.state, history, outbox, now);
}

/**
 * The update for a deadline the engine refused to decide on (a broken stored saga): the refusal goes
 * into the history and the deadline is cleared, so the scheduler does not refuse it again every pass;
 * and the saga NEEDS_ATTENTION (DEADLINE_REJECTED, the error as the detail), as for a rejected reply.
 */
export function timeoutRejectionUpdate(params: {
  readonly before: SagaDocument;
  readonly rejection: Rejection;
  readonly now: Date;
}): { readonly update: SagaUpdate; readonly status: SagaStatus } {
  const { before, rejection, now } = params;
  const detail = `a deadline could not be applied: ${rejection.code}: ${rejection.detail}`;
  const stop = stopped(before, 'DEADLINE_REJECTED', detail);
  const entry = timeoutEntry(rejection, stop.status, now);
  // A stopped saga has its deadlines cleared already; one that is not (ended, or needing attention) still loses this one.
  const cleared =
    stop.status === 'NEEDS_ATTENTION' && before.status !== 'NEEDS_ATTENTION'
      ? stop.update
      : { $set: { deadlineAt: null } };
  return {
    update: combineUpdates(historyUpdate(before.history, [entry], now), cleared),
    status: stop.status,
  };
}

/** The update for a retry: the resumed state, the commands sent again, the history. */
export function retryUpdate<M extends object, D, R>(params: {
  readonly before: SagaDocument<D, R>;
  readonly transition: SagaTransition<M, D, R> & { readonly outcome: Retried };
  readonly outbox: readonly OutboxEntry[];
  readonly now: Date;
}): SagaUpdate {
  const { before, transition, outbox, now } = params;
  const history = [retryEntry(transition.outcome.steps, transition.state.status, now)];
  return decisionUpdate(before, transition.state, history, outbox, now);
}

/** The update for a compensation a person asked for: the compensating state, its commands, the history (who asked, why). */
export function compensateUpdate<M extends object, D, R>(params: {
  readonly before: SagaDocument<D, R>;
  readonly transition: SagaTransition<M, D, R> & { readonly outcome: CompensationRequested };
  readonly by: string;
  readonly outbox: readonly OutboxEntry[];
  readonly now: Date;
}): SagaUpdate {
  const { before, transition, by, outbox, now } = params;
  const { step, reason } = transition.outcome;
  const history = [compensateEntry({ step, reason, by }, transition.state.status, now)];
  return decisionUpdate(before, transition.state, history, outbox, now);
}

/** A new state, its step records and deadline, and the entries for the history (the commands sent among them). */
function decisionUpdate<D, R>(
  before: SagaDocument<D, R>,
  state: SagaState<D, R>,
  history: readonly HistoryEntry[],
  outbox: readonly OutboxEntry[],
  now: Date,
): SagaUpdate {
  return combineUpdates(
    {
      $set: {
        ...stateFields(state),
        stateVersion: state.stateVersion,
        steps: stepRecords(before.steps, state.steps, now),
      },
    },
    historyUpdate(before.history, [...history, ...sentEntries(outbox, now)], now),
  );
}

/**
 * How many entries a saga's history keeps: far more than a saga of any definition writes (about two
 * per step, plus re-sends bounded by the step policies), so that only a flood of replies nobody asked
 * for, or endless operator retries, ever reaches it; then the oldest entries go.
 */
export const HISTORY_LIMIT = 500;

/**
 * Entries appended to the history, and the next version. Appended with `$push`, or, once the history
 * would pass its limit, written whole without its oldest entries (`$push` with `$slice` is not
 * supported by FerretDB; the saga's single writer read the history the update is made on, and the
 * version guard holds it).
 */
function historyUpdate(
  before: readonly HistoryEntry[],
  history: readonly HistoryEntry[],
  now: Date,
): SagaUpdate {
  const counted = { $set: { updatedAt: now }, $inc: { version: 1 } };
  if (before.length + history.length <= HISTORY_LIMIT) {
    return combineUpdates(counted, { $push: { history: { $each: [...history] } } });
  }
  return combineUpdates(counted, { $set: { history: [...before, ...history].slice(-HISTORY_LIMIT) } });
}

/**
 * The update for a reply the engine refused with an error retrying cannot cure: the refusal goes into
 * the history, and the runtime records the message as processed, so it is not retried forever
 * (holding up every later message on its partition). A saga that awaits something NEEDS_ATTENTION
 * (REPLY_REJECTED, the error as the detail), stopped where it was: it would otherwise wait in silence
 * for the reply it just could not apply. A retry re-drives it, and its reply may apply then.
 */
export function rejectionUpdate(params: {
  readonly before: SagaDocument;
  readonly received: ReceivedMessage;
  readonly error: { readonly code: string; readonly message: string };
  readonly now: Date;
}): { readonly update: SagaUpdate; readonly status: SagaStatus; readonly deadlineAt: Date | null } {
  const { before, received, error, now } = params;
  const detail = `"${received.topic}" could not be applied: ${error.code}: ${error.message}`;
  const stop = stopped(before, 'REPLY_REJECTED', detail);
  const entry = receivedEntry(
    received,
    { kind: 'REJECTED', code: error.code, detail: error.message },
    stop.status,
    now,
  );
  return {
    update: combineUpdates(historyUpdate(before.history, [entry], now), stop.update),
    status: stop.status,
    deadlineAt: stop.deadlineAt,
  };
}

/**
 * A saga stopped by a refusal: NEEDS_ATTENTION for `reason`, with every deadline cleared (what it
 * awaited is not re-sent behind the person's back). Unchanged when it has ended (it awaits nothing)
 * or needs attention already (the older attention stays, as the engine keeps it).
 */
function stopped(
  before: SagaDocument,
  reason: Extract<AttentionReason, 'REPLY_REJECTED' | 'DEADLINE_REJECTED'>,
  detail: string,
): { readonly update: SagaUpdate; readonly status: SagaStatus; readonly deadlineAt: Date | null } {
  if (isEnded(before.status) || before.status === 'NEEDS_ATTENTION')
    return { update: {}, status: before.status, deadlineAt: before.deadlineAt ?? null };
  const attention: SagaAttention = {
    step: before.currentStep,
    reason,
    detail,
    resumeStatus: before.status,
  };
  return {
    update: {
      $set: {
        status: 'NEEDS_ATTENTION',
        attention,
        deadlineAt: null,
        steps: before.steps.map((step) => ({ ...step, deadlineAt: null })),
        finalCommands: (before.finalCommands ?? []).map((command) => ({ ...command, deadlineAt: null })),
      },
    },
    status: 'NEEDS_ATTENTION',
    deadlineAt: null,
  };
}

function stateFields<D, R>(state: SagaState<D, R>) {
  return {
    status: state.status,
    currentStep: state.currentStep,
    failureReason: state.failureReason,
    attention: state.attention,
    deadlineAt: nextDeadline(state),
    data: state.data,
    finalCommands: state.finalCommands.map((command) => ({
      topic: command.topic,
      attempts: command.attempts,
      deadlineAt: command.deadlineAt === null ? null : new Date(command.deadlineAt),
    })),
  };
}
