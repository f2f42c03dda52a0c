import type { SagaAttention } from './saga-attention.ts';

/**
 * The version of the {@link SagaState} shape. A runner persisting states stores it with them.
 * Version 2 added step attempts and deadlines, and the attention a saga may need. Version 3 added
 * the final commands awaiting their acknowledgement (COMPLETING, CANCELLING).
 */
export const SAGA_STATE_VERSION = 3;

/**
 * Where a saga is. RUNNING walks the steps forward, COMPENSATING walks them backward, so the
 * direction is not stored separately (it could only contradict the status). COMPLETED (every step
 * succeeded) and CANCELLED (a step failed and everything done before it was compensated) are ends.
 * NEEDS_ATTENTION is no end: a step gave up in a way the saga cannot decide past by itself (a
 * compensation that failed or was never confirmed, a step that must not be undone and was never
 * answered, a final command never acknowledged, a reply that could not be applied); `attention` says
 * which and why, and a retry, or a reply that comes after all, moves it on.
 *
 * COMPLETING and CANCELLING: the walk is over and its outcome decided, but a final command the
 * definition wants acknowledged (`acknowledgedBy`) is not yet: the saga ends (COMPLETED, CANCELLED)
 * with the last acknowledgement, so an ended saga means its outcome reached its receivers.
 */
export type SagaStatus =
  'RUNNING' | 'COMPENSATING' | 'COMPLETING' | 'CANCELLING' | 'COMPLETED' | 'CANCELLED' | 'NEEDS_ATTENTION';

/**
 * Where one step is. ACTIVE: its command is sent and its reply awaited. FAILED: its participant
 * answered with a failure, so it did nothing and is never compensated. TIMED_OUT: it was never
 * answered, however often it was sent, and the saga gave up on it; what a late reply did is undone
 * when the definition says so (`compensateLateSuccess`). ABANDONED: it was awaiting its reply when a
 * person asked the saga to compensate (`compensateSaga`); like TIMED_OUT, what a late reply did is
 * undone when the definition says so. SKIPPED: its command's `when` said no, so
 * there is nothing to compensate either. SUCCEEDED steps stay so during compensation when they have
 * no compensation, or their compensation's `when` says no.
 */
export type StepStatus =
  | 'PENDING'
  | 'ACTIVE'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'TIMED_OUT'
  | 'ABANDONED'
  | 'COMPENSATING'
  | 'COMPENSATED'
  | 'SKIPPED';

/** One step's progress, named so that a persisted state can be checked against its definition. */
export interface StepState {
  readonly name: string;
  readonly status: StepStatus;
  /**
   * How often the command the step awaits a reply to now was sent: its command while ACTIVE, its
   * compensation while COMPENSATING (counted afresh from 1). 0 while the step awaits nothing.
   */
  readonly attempts: number;
  /**
   * When that reply is overdue, in epoch milliseconds (a number, so the state stays plain JSON); null
   * when the step awaits nothing or its policy sets no deadline.
   */
  readonly deadlineAt: number | null;
}

/**
 * A final command sent and not yet acknowledged, named by its topic (a definition sends each topic
 * once). `attempts` and `deadlineAt` as for a step; `deadlineAt` is null without a policy, or once
 * the command stopped and needs attention.
 */
export interface FinalCommandState {
  readonly topic: string;
  readonly attempts: number;
  readonly deadlineAt: number | null;
}

/**
 * The whole persisted state of one saga: small, explicit and plain data (JSON, plus whatever Dates
 * the saga's own data holds), so a runner can store it as a document and hand it back later.
 */
export interface SagaState<D, R> {
  readonly stateVersion: typeof SAGA_STATE_VERSION;
  /** The name of the definition that interprets this state. */
  readonly saga: string;
  readonly status: SagaStatus;
  /**
   * The index of the step whose reply the walk awaits (or, NEEDS_ATTENTION, the step that needs it);
   * null once the saga has ended.
   */
  readonly currentStep: number | null;
  /** Why the saga compensates or was cancelled; null while nothing failed. */
  readonly failureReason: R | null;
  /** Set exactly while the saga is NEEDS_ATTENTION. */
  readonly attention: SagaAttention | null;
  /** The saga's own typed data, updated by each applied reply. */
  readonly data: D;
  /** One entry per step of the definition, in its order. */
  readonly steps: readonly StepState[];
  /** The final commands awaiting their acknowledgement; empty but while COMPLETING or CANCELLING. */
  readonly finalCommands: readonly FinalCommandState[];
}

/** Whether a saga has ended: no reply moves it any more, except a definition's late compensations. */
export function isEnded(status: SagaStatus): boolean {
  return status === 'COMPLETED' || status === 'CANCELLED';
}

/** Whether a saga's walk is over (ended, or awaiting the acknowledgement of its final commands). */
export function isWalkOver(status: SagaStatus): boolean {
  return isEnded(status) || status === 'COMPLETING' || status === 'CANCELLING';
}

/**
 * When `handleTimeout` should next be called for this state: the earliest deadline of its steps and
 * final commands, or null when none awaits a reply by a deadline. A runner stores it beside the
 * state, indexed.
 */
export function nextDeadline(
  state: Pick<SagaState<unknown, unknown>, 'steps'> &
    Partial<Pick<SagaState<unknown, unknown>, 'finalCommands'>>,
): Date | null {
  let earliest: number | null = null;
  for (const awaiting of [...state.steps, ...(state.finalCommands ?? [])])
    if (awaiting.deadlineAt !== null && (earliest === null || awaiting.deadlineAt < earliest))
      earliest = awaiting.deadlineAt;
  return earliest === null ? null : new Date(earliest);
}
