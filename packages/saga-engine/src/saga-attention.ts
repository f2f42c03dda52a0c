import type { SagaState, SagaStatus } from './saga-state.ts';

/**
 * Why a saga needs a person. STEP_TIMED_OUT: a step without `onTimeout` (one that must not be undone,
 * such as a step past the point of no return) spent its attempts unanswered. COMPENSATION_TIMED_OUT:
 * a compensation spent its attempts unanswered. COMPENSATION_FAILED: a participant answered that it
 * could not compensate. FINAL_COMMAND_TIMED_OUT: a final command spent its attempts unacknowledged,
 * so the outcome the saga decided may not have reached its receiver. REPLY_REJECTED: a runner could
 * not apply a reply (its handling failed with an error that retrying cannot cure), so the saga would
 * otherwise wait for a reply it already had; the runner sets it, with the error in `detail`.
 * DEADLINE_REJECTED: the same for a passed deadline the runner could not decide on.
 */
export type AttentionReason =
  | 'STEP_TIMED_OUT'
  | 'COMPENSATION_TIMED_OUT'
  | 'COMPENSATION_FAILED'
  | 'FINAL_COMMAND_TIMED_OUT'
  | 'REPLY_REJECTED'
  | 'DEADLINE_REJECTED';

/** What a NEEDS_ATTENTION saga needs attention for, and where a retry picks it up. */
export interface SagaAttention {
  /**
   * The index of the step that stopped: ACTIVE (its command) or COMPENSATING (its compensation); null
   * when no step did: a final command (`detail` names it), or a rejected reply of a saga whose walk
   * was over.
   */
  readonly step: number | null;
  readonly reason: AttentionReason;
  /** In words, for the person looking. */
  readonly detail: string;
  /**
   * The status the saga had when it stopped, which a retry (or a reply that comes after all) returns
   * it to: RUNNING or COMPENSATING for the walk, COMPLETING or CANCELLING for its final commands,
   * CANCELLED for a late compensation of an ended saga.
   */
  readonly resumeStatus: Exclude<SagaStatus, 'NEEDS_ATTENTION'>;
}

/**
 * The state as its walk sees it: the status the saga stopped in (or its own), without the attention.
 * Transitions decide on this, then `reattach` puts back an attention they did not resolve, so one
 * step needing a person does not stop replies to the others from being applied.
 */
export function detach<D, R>(state: SagaState<D, R>): SagaState<D, R> {
  if (state.attention === null) return state;
  return { ...state, status: state.attention.resumeStatus, attention: null };
}

/**
 * Puts an earlier attention back on a decided state, unless the decision resolved it (`resolved` is
 * the step that was settled, FINAL for an acknowledged final command, or ALL, for a retry). When the decision raised an attention of
 * its own, the earlier one stays (it is older) and the saga resumes in the decided walk status.
 */
export function reattach<D, R>(
  decided: SagaState<D, R>,
  earlier: SagaAttention | null,
  resolved: number | 'ALL' | 'FINAL' | null,
): SagaState<D, R> {
  if (earlier === null || resolved === 'ALL') return decided;
  if (resolved === (earlier.step ?? 'FINAL')) return decided;
  const resumeStatus = decided.attention?.resumeStatus ?? decided.status;
  if (resumeStatus === 'NEEDS_ATTENTION') return decided;
  return { ...decided, status: 'NEEDS_ATTENTION', attention: { ...earlier, resumeStatus } };
}

/** The status a saga stopping now resumes in: its walk's, which `detach` made sure is not NEEDS_ATTENTION. */
export function resumeStatusOf(walk: { readonly status: SagaStatus }): SagaAttention['resumeStatus'] {
  if (walk.status === 'NEEDS_ATTENTION') throw new TypeError('a detached state is never NEEDS_ATTENTION');
  return walk.status;
}
