import {
  nextDeadline,
  type AppliedReply,
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
  /** The saga's key, and its name in the binding. */
  readonly key: { readonly name: string; readonly value: string };
  readonly decision: SagaDecision<M, D, R>;
  readonly received: ReceivedMessage;
  readonly outbox: readonly OutboxEntry[];
  readonly now: Date;
}): SagaDocument<D, R> {
  const { decision, received, outbox, now } = params;
  return {
    _id: params.sagaId,
    key: params.key.value,
    keyName: params.key.name,
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
 * into the history and the deadline is cleared, so the scheduler does not refuse it again every pass.
 */
export function timeoutRejectionUpdate(params: {
  readonly before: SagaDocument;
  readonly rejection: Rejection;
  readonly now: Date;
}): SagaUpdate {
  const { before, rejection, now } = params;
  return combineUpdates(historyUpdate(before.history, [timeoutEntry(rejection, before.status, now)], now), {
    $set: { deadlineAt: null },
  });
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
 * The update for a reply the engine refused with an error retrying cannot cure: the saga stays as it
 * is and the refusal goes into the history; the runtime records the message as processed, so it is
 * not retried forever (holding up every later message on its partition).
 */
export function rejectionUpdate(params: {
  readonly before: SagaDocument;
  readonly received: ReceivedMessage;
  readonly error: { readonly code: string; readonly message: string };
  readonly now: Date;
}): SagaUpdate {
  const { before, received, error, now } = params;
  const entry = receivedEntry(
    received,
    { kind: 'REJECTED', code: error.code, detail: error.message },
    before.status,
    now,
  );
  return historyUpdate(before.history, [entry], now);
}

function stateFields<D, R>(state: SagaState<D, R>) {
  return {
    status: state.status,
    currentStep: state.currentStep,
    failureReason: state.failureReason,
    attention: state.attention,
    deadlineAt: nextDeadline(state),
    data: state.data,
  };
}
