import type { TopicMessageMap, TopicName } from '@saga/contracts';
import type { SagaAction } from '@saga/saga-engine';
import { outboxEntry, type OutboxEntry } from '@saga/service-kit';

/**
 * The engine's commands as outbox entries, in order: keyed by the saga's key (so one saga's messages
 * stay in order on their partitions), in the trace of the message that caused them, or each in a new
 * trace when none did (a deadline, a retry).
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
