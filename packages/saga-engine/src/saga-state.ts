/** The version of the {@link SagaState} shape. A runner persisting states stores it with them. */
export const SAGA_STATE_VERSION = 1;

/**
 * Where a saga is. RUNNING walks the steps forward, COMPENSATING walks them backward, so the
 * direction is not stored separately (it could only contradict the status). The other three are ends:
 * COMPLETED (every step succeeded), CANCELLED (a step failed and everything done before it was
 * compensated) and FAILED (needs a person: kept for a compensation that cannot complete, which no
 * transition produces yet).
 */
export type SagaStatus = 'RUNNING' | 'COMPENSATING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';

/**
 * Where one step is. ACTIVE: its command is sent and its reply awaited. FAILED: its participant
 * answered with a failure, so it did nothing and is never compensated. SKIPPED: its command's `when`
 * said no, so there is nothing to compensate either. SUCCEEDED steps stay so during compensation
 * when they have no compensation, or their compensation's `when` says no.
 */
export type StepStatus =
  'PENDING' | 'ACTIVE' | 'SUCCEEDED' | 'FAILED' | 'COMPENSATING' | 'COMPENSATED' | 'SKIPPED';

/** One step's progress, named so that a persisted state can be checked against its definition. */
export interface StepState {
  readonly name: string;
  readonly status: StepStatus;
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
  /** The index of the step whose reply the walk awaits; null once the saga has ended. */
  readonly currentStep: number | null;
  /** Why the saga compensates or was cancelled; null while nothing failed. */
  readonly failureReason: R | null;
  /** The saga's own typed data, updated by each applied reply. */
  readonly data: D;
  /** One entry per step of the definition, in its order. */
  readonly steps: readonly StepState[];
}

/** Whether a saga has ended: no reply moves it any more, except a definition's late compensations. */
export function isEnded(status: SagaStatus): boolean {
  return status === 'COMPLETED' || status === 'CANCELLED' || status === 'FAILED';
}
