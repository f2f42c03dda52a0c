import type { AppliedReply, IgnoredReply, SagaStatus, TimedOut } from '@saga/saga-engine';
import type { OutboxEntry } from '@saga/service-kit';
import type { CompensateEntry, ReceivedEntry, RetryEntry, SentEntry, TimeoutEntry } from './saga-document.ts';

/** A consumed message, as the history names it. */
export interface ReceivedMessage {
  readonly topic: string;
  /** Its CloudEvents id. */
  readonly messageId: string;
}

/** What the manager made of a consumed message: it started the saga, the engine's outcome, or a refusal. */
export type Reception = { readonly kind: 'STARTED' } | AppliedReply | IgnoredReply | Rejection;

/** The engine refused to decide, with an error retrying cannot cure: its code, and why. */
export interface Rejection {
  readonly kind: 'REJECTED';
  readonly code: string;
  readonly detail: string;
}

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

/** The history entry of a deadline that passed: what the engine did about it, or why it could not decide. */
export function timeoutEntry(outcome: TimedOut | Rejection, status: SagaStatus, at: Date): TimeoutEntry {
  if (outcome.kind === 'REJECTED')
    return {
      direction: 'TIMEOUT',
      at,
      step: null,
      phase: null,
      attempts: null,
      action: 'REJECTED',
      detail: `${outcome.code}: ${outcome.detail}`,
      status,
    };
  return {
    direction: 'TIMEOUT',
    at,
    step: outcome.step,
    phase: outcome.phase,
    attempts: outcome.attempts,
    action: outcome.action,
    detail: null,
    status,
  };
}

/** The history entry of a retry: the steps whose commands were sent again. */
export function retryEntry(steps: readonly string[], status: SagaStatus, at: Date): RetryEntry {
  return { direction: 'RETRY', at, steps: [...steps], status };
}

/** The history entry of a compensation a person asked for: the step abandoned, why, and who asked. */
export function compensateEntry(
  request: { readonly step: string; readonly reason: string; readonly by: string },
  status: SagaStatus,
  at: Date,
): CompensateEntry {
  return { direction: 'COMPENSATE', at, step: request.step, reason: request.reason, by: request.by, status };
}
