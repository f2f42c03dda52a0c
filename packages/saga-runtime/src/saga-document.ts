import type {
  AppliedReply,
  SagaAttention,
  SagaStatus,
  StepPhase,
  StepStatus,
  TimedOut,
} from '@saga/saga-engine';
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
  /**
   * Times the step's command was sent (deadlines re-send it); 0 while PENDING and for a SKIPPED step.
   * A retry counts afresh from 1.
   */
  readonly attempts: number;
  /** When the step's command was first sent; null if it never was. */
  readonly startedAt: Date | null;
  /** When the step SUCCEEDED, FAILED or was SKIPPED; null while it is pending or active. */
  readonly endedAt: Date | null;
  /** Null until the step is compensated. */
  readonly compensation: CompensationRecord | null;
  /**
   * When the reply the step awaits (to its command while ACTIVE, to its compensation while
   * COMPENSATING) is overdue; null when it awaits none, or stopped and needs attention. Absent in
   * sagas stored before deadlines existed, which reads as null.
   */
  readonly deadlineAt?: Date | null;
}

/**
 * A final command of a stored saga awaiting its acknowledgement (COMPLETING, CANCELLING): the engine's
 * state of it, with its deadline as a Date.
 */
export interface FinalCommandRecord {
  /** The command's topic, which names it. */
  readonly topic: string;
  /** Times it was sent; a retry counts afresh from 1. */
  readonly attempts: number;
  /** When its acknowledgement is overdue; null without a policy, or once it stopped and needs attention. */
  readonly deadlineAt: Date | null;
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

/**
 * A deadline that passed: which step's reply was overdue, after how many sends, and what the saga did
 * (RESENT, GAVE_UP, NEEDS_ATTENTION; REJECTED when the stored saga could not be decided on, with why).
 */
export interface TimeoutEntry {
  readonly direction: 'TIMEOUT';
  readonly at: Date;
  readonly step: string | null;
  readonly phase: StepPhase | null;
  readonly attempts: number | null;
  readonly action: TimedOut['action'] | 'REJECTED';
  readonly detail: string | null;
  /** The saga's status after it. */
  readonly status: SagaStatus;
}

/** A person re-drove the saga (POST /sagas/:sagaId/retry): the steps whose commands were sent again. */
export interface RetryEntry {
  readonly direction: 'RETRY';
  readonly at: Date;
  readonly steps: readonly string[];
  /** The saga's status after it. */
  readonly status: SagaStatus;
}

/**
 * A person asked the saga to compensate (POST /sagas/:sagaId/compensate): the step it stopped waiting
 * for (ABANDONED), the person's reason, who asked, and the status after it (COMPENSATING, or CANCELLING
 * or CANCELLED when nothing needed undoing).
 */
export interface CompensateEntry {
  readonly direction: 'COMPENSATE';
  readonly at: Date;
  readonly step: string;
  readonly reason: string;
  /** Who asked: the caller's subject (a JWT's `sub`, or the static token's account name). */
  readonly by: string;
  /** The saga's status after it. */
  readonly status: SagaStatus;
}

/**
 * The saga's append-only record of what it received and sent, of deadlines that passed, of retries
 * and of compensations people asked for, in order.
 */
export type HistoryEntry = ReceivedEntry | SentEntry | TimeoutEntry | RetryEntry | CompensateEntry;

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
  /**
   * What the saga is correlated by (its binding's `key`: an order id, a trip id): the key of all its
   * messages. With `saga` (and `instance`, where a key has several sagas) it names one saga.
   */
  readonly key: string;
  /** The key's name in the binding (`orderId`, `tripId`): how the saga's view shows the key. */
  readonly keyName: string;
  /**
   * Which of its key's sagas this is, for a definition whose key has several (a return id: see the
   * binding's `key.instance`); absent where a key has one saga of the definition.
   */
  readonly instance?: string;
  /** The engine's state shape version. */
  readonly stateVersion: number;
  readonly status: SagaStatus;
  readonly currentStep: number | null;
  readonly failureReason: R | null;
  /** Set exactly while the saga is NEEDS_ATTENTION (see @saga/saga-engine); absent in older sagas. */
  readonly attention?: SagaAttention | null;
  /**
   * The earliest deadline of its steps, when the deadline scheduler must look at the saga again; null
   * for none. Indexed: the scheduler finds the sagas due by it. Absent in older sagas.
   */
  readonly deadlineAt?: Date | null;
  readonly data: D;
  readonly steps: readonly StepRecord[];
  /** The final commands awaiting their acknowledgement; absent in sagas stored before state version 3. */
  readonly finalCommands?: readonly FinalCommandRecord[];
  readonly history: readonly HistoryEntry[];
  readonly processedMessageIds: readonly string[];
  readonly outbox: readonly OutboxEntry[];
  /**
   * The span that started the saga (the handling of its starting message): what the commands a
   * deadline or a retry sends are caused by, so the key (the order) stays one trace. Absent in older sagas.
   */
  readonly traceparent?: string;
  /** Optimistic concurrency: 0 when inserted, +1 with every update. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
