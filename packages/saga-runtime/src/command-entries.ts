import type { TopicMessageMap, TopicName } from '@saga/contracts';
import type { SagaAction } from '@saga/saga-engine';
import { outboxEntry, type OutboxEntry } from '@saga/service-kit';
import type { SagaDocument } from './saga-document.ts';

/**
 * The engine's commands as outbox entries, in order: keyed by the saga's key (so one saga's messages
 * stay in order on their partitions), in the trace of the message that caused them, or of the saga
 * when none did (a deadline, a retry; see sagaTrace).
 *
 * The outbox relay publishes an entry by its topic with that topic's schema, so a saga run in a
 * service has the contracts' topic map (`TopicMessageMap`); a saga on a topic map of its own (a
 * test's) is stored the same way, its topics unchecked.
 */
export function commandEntries<M extends object>(
  actions: readonly SagaAction<M>[],
  key: string,
  causedBy?: { readonly traceparent: string },
): OutboxEntry[] {
  return actions.map((action) =>
    outboxEntry(
      action.topic as TopicName,
      key,
      action.value as TopicMessageMap[TopicName],
      causedBy && { traceparent: causedBy.traceparent },
    ),
  );
}

/**
 * What commands sent outside a message's handling (a deadline, a retry) are caused by: the span that
 * started the saga, so its key stays one trace; nothing (a new trace) for sagas stored before it was kept.
 */
export function sagaTrace(
  saga: Pick<SagaDocument, 'traceparent'>,
): { readonly traceparent: string } | undefined {
  return saga.traceparent === undefined ? undefined : { traceparent: saga.traceparent };
}
