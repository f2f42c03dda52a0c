import type { SagaOutcome, SagaStatus } from '@saga/saga-engine';
import type { OutboxEntry } from '@saga/service-kit';
import type { ReceivedEntry, SentEntry } from '../model/saga-document.ts';

/** A consumed message, as the history names it. */
export interface ReceivedMessage {
  readonly topic: string;
  /** Its CloudEvents id. */
  readonly messageId: string;
}

/** What the manager made of a consumed message: it started the saga, the engine's outcome, or a refusal. */
export type Reception =
  | { readonly kind: 'STARTED' }
  | SagaOutcome
  | { readonly kind: 'REJECTED'; readonly code: string; readonly detail: string };

/** The history entry of a consumed message; `status` is the saga's status after it. */
export function receivedEntry(
  message: ReceivedMessage,
  reception: Reception,
  status: SagaStatus,
  at: Date,
): ReceivedEntry {
  const base = {
    direction: 'RECEIVED',
    topic: message.topic,
    messageId: message.messageId,
    at,
    status,
  } as const;
  switch (reception.kind) {
    case 'STARTED':
      return { ...base, outcome: 'STARTED', step: null, reply: null, reason: null, detail: null };
    case 'APPLIED':
      return {
        ...base,
        outcome: 'APPLIED',
        step: reception.step,
        reply: reception.reply,
        reason: null,
        detail: null,
      };
    case 'IGNORED':
      return {
        ...base,
        outcome: 'IGNORED',
        step: null,
        reply: null,
        reason: reception.reason,
        detail: reception.detail,
      };
    case 'REJECTED':
      return {
        ...base,
        outcome: 'REJECTED',
        step: null,
        reply: null,
        reason: reception.code,
        detail: reception.detail,
      };
  }
}

/** The history entries of commands written to the outbox, in the order they will be sent. */
export function sentEntries(outbox: readonly OutboxEntry[], at: Date): SentEntry[] {
  return outbox.map((entry) => ({ direction: 'SENT', topic: entry.topic, messageId: entry.id, at }));
}
