import type { SagaDecision, SagaState, SagaTransition } from '@saga/saga-engine';
import type { TopicMessageMap } from '@saga/contracts';
import {
  appendToOutbox,
  combineUpdates,
  markProcessed,
  notYetProcessed,
  type OutboxEntry,
} from '@saga/service-kit';
import type { SagaDocument } from '../model/saga-document.ts';
import { receivedEntry, sentEntries, type ReceivedMessage } from './history-entry.ts';
import { stepRecords } from './step-records.ts';

/** A MongoDB update document, operator by operator. */
export type SagaUpdate = Record<string, Record<string, unknown>>;

/**
 * The document a new saga is inserted as, in one write: the started state, its first commands in the
 * outbox, the history (the starting message, then the commands), and the starting message's id.
 */
export function newSagaDocument<D, R>(params: {
  readonly sagaId: string;
  readonly orderId: string;
  readonly decision: SagaDecision<TopicMessageMap, D, R>;
  readonly received: ReceivedMessage;
  readonly outbox: readonly OutboxEntry[];
  readonly now: Date;
}): SagaDocument<D, R> {
  const { decision, received, outbox, now } = params;
  return {
    _id: params.sagaId,
    orderId: params.orderId,
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
 * Which document an update may change: this saga, still at the version the decision was made on, and
 * not yet changed by this message. Matching nothing means another write came first: reload, decide again.
 */
export function guardFilter(sagaId: string, version: number, messageId: string): Record<string, unknown> {
  return { _id: sagaId, version, ...notYetProcessed(messageId) };
}

/**
 * The one update that records what the engine decided about a reply. APPLIED: the new state and
 * step records, the commands in the outbox, the history, the message id, the next version.
 * IGNORED: the state stays as it is, and only the history, the message id and the version change.
 */
export function transitionUpdate<D, R>(params: {
  readonly before: SagaDocument<D, R>;
  readonly transition: SagaTransition<TopicMessageMap, D, R>;
  readonly received: ReceivedMessage;
  readonly outbox: readonly OutboxEntry[];
  readonly now: Date;
}): SagaUpdate {
  const { before, transition, received, outbox, now } = params;
  const history = [
    receivedEntry(received, transition.outcome, transition.state.status, now),
    ...sentEntries(outbox, now),
  ];
  const state =
    transition.outcome.kind === 'APPLIED'
      ? { ...stateFields(transition.state), steps: stepRecords(before.steps, transition.state.steps, now) }
      : {};
  return combineUpdates(
    { $set: { ...state, updatedAt: now }, $inc: { version: 1 } },
    markProcessed(received.messageId),
    { $push: { history: { $each: history } } },
    ...(outbox.length > 0 ? [appendToOutbox(...outbox)] : []),
  );
}

/**
 * The update for a reply the engine refused with an error retrying cannot cure: the saga stays as it
 * is, the refusal goes into the history, and the message counts as processed, so it is not retried
 * forever (holding up every later message on its partition).
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
  return combineUpdates(
    { $set: { updatedAt: now }, $inc: { version: 1 } },
    markProcessed(received.messageId),
    { $push: { history: { $each: [entry] } } },
  );
}

function stateFields<D, R>(state: SagaState<D, R>) {
  return {
    status: state.status,
    currentStep: state.currentStep,
    failureReason: state.failureReason,
    data: state.data,
  };
}
