import type { AppliedReply, SagaStatus, StepStatus } from '@saga/saga-engine';
import type { OutboxEntry } from '@saga/service-kit';

/** Where a step's compensation is: how often it was asked for, and when it began and was confirmed. */
export interface CompensationRecord {
  readonly attempts: number;
  readonly startedAt: Date | null;
  readonly endedAt: Date | null;
}

/**
 * One step of a stored saga: the engine's name and status, plus the bookkeeping the engine does not
 * keep (it never reads a clock): how often the step's command was sent, when it was first sent, and
 * when the step settled; and the same for its compensation once that began.
 */
export interface StepRecord {
  readonly name: string;
  readonly status: StepStatus;
  /** Times the step's command was sent; 0 while PENDING and for a SKIPPED step. */
  readonly attempts: number;
  /** When the step's command was first sent; null if it never was. */
  readonly startedAt: Date | null;
  /** When the step SUCCEEDED, FAILED or was SKIPPED; null while it is pending or active. */
  readonly endedAt: Date | null;
  /** Null until the step is compensated. */
  readonly compensation: CompensationRecord | null;
}

/**
 * What the saga made of a message it consumed. STARTED: it began the saga. APPLIED and IGNORED: the
 * engine's outcomes. REJECTED: the engine refused it with an error that retrying cannot cure (a broken
 * stored state); the saga is left as it was for a person to look at, and the message is not retried.
 */
export type ReceivedOutcome = 'STARTED' | 'APPLIED' | 'IGNORED' | 'REJECTED';

/** A message the saga consumed, and what it made of it. */
export interface ReceivedEntry {
  readonly direction: 'RECEIVED';
  readonly topic: string;
  /** The message's CloudEvents id (ce_id). */
  readonly messageId: string;
  readonly at: Date;
  readonly outcome: ReceivedOutcome;
  /** APPLIED: the step the reply settled. */
  readonly step: string | null;
  /** APPLIED: what the reply meant for that step. */
  readonly reply: AppliedReply['reply'] | null;
  /** IGNORED: the engine's reason (SAGA_ENDED, UNEXPECTED_REPLY...); REJECTED: the error's code. */
  readonly reason: string | null;
  /** IGNORED and REJECTED: why, in words. */
  readonly detail: string | null;
  /** The saga's status after the message. */
  readonly status: SagaStatus;
}

/** A command the saga decided to send, written to its outbox in the same update. */
export interface SentEntry {
  readonly direction: 'SENT';
  readonly topic: string;
  /** The outbox entry's id, which becomes the command's ce_id. */
  readonly messageId: string;
  readonly at: Date;
}

/** The saga's append-only record of what it received and sent, in order. */
export type HistoryEntry = ReceivedEntry | SentEntry;

/**
 * One saga as stored: the engine's state (status, currentStep, failureReason, data, steps) in its own
 * fields, the step bookkeeping, the history, the ids of the messages applied, the outbox of commands
 * the relay has yet to publish, and `version`, which every write filters on and increments.
 */
export interface SagaDocument<D = unknown, R = unknown> {
  /** The saga id (a uuid), carried by every command and reply. */
  readonly _id: string;
  /** The definition that interprets this saga. */
  readonly saga: string;
  /** The order the saga is for: the key of all its messages, and unique, so an order has one saga. */
  readonly orderId: string;
  /** The engine's state shape version. */
  readonly stateVersion: number;
  readonly status: SagaStatus;
  readonly currentStep: number | null;
  readonly failureReason: R | null;
  readonly data: D;
  readonly steps: readonly StepRecord[];
  readonly history: readonly HistoryEntry[];
  readonly processedMessageIds: readonly string[];
  readonly outbox: readonly OutboxEntry[];
  /** Optimistic concurrency: 0 when inserted, +1 with every update. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
