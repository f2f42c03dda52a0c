/**
 * What the engine made of its input. APPLIED: a reply settled a step. IGNORED: a reply changed
 * nothing, and why. TIMED_OUT: a deadline passed and what was done about it. NOT_DUE: no deadline had
 * passed. RETRIED: a person re-drove the saga. COMPENSATION_REQUESTED: a person asked it to compensate.
 * The runner records each in the saga's history.
 */
export type SagaOutcome = AppliedReply | IgnoredReply | TimedOut | NotDue | Retried | CompensationRequested;

/** Which command of a step: the step's own, or its compensation; or a final command of the saga. */
export type StepPhase = 'COMMAND' | 'COMPENSATION' | 'FINAL_COMMAND';

export interface AppliedReply {
  readonly kind: 'APPLIED';
  /** The step the reply settled; for an acknowledgement, the acknowledged final command's topic. */
  readonly step: string;
  /**
   * LATE_SUCCESS: a success after the step failed or timed out, which the definition compensates.
   * COMPENSATION_FAILED: the participant could not undo the step, so the saga needs attention.
   * ACKNOWLEDGED: the receiver of a final command applied it.
   */
  readonly reply:
    'SUCCESS' | 'FAILURE' | 'COMPENSATED' | 'COMPENSATION_FAILED' | 'LATE_SUCCESS' | 'ACKNOWLEDGED';
}

/**
 * UNKNOWN_TOPIC: the topic is no reply of this saga. DUPLICATE: the reply repeats what the step
 * already is (another answer to a re-sent command, say). LATE: the saga no longer waits for it: it
 * gave up on the step, or has ended. UNEXPECTED: it contradicts where the step is (a reply to a command
 * not sent yet, a failure after a success).
 */
export interface IgnoredReply {
  readonly kind: 'IGNORED';
  readonly reason: 'UNKNOWN_TOPIC' | 'DUPLICATE' | 'LATE' | 'UNEXPECTED';
  /** For the log and the history: which step the reply concerns and where that step is. */
  readonly detail: string;
}

/**
 * A step's deadline passed (or a final command's: `step` is then its topic, `phase` FINAL_COMMAND).
 * RESENT: its command (or compensation) went out again. GAVE_UP: its
 * attempts were spent and the saga compensates (the step is TIMED_OUT). NEEDS_ATTENTION: its attempts
 * were spent and the saga cannot decide past it by itself.
 */
export interface TimedOut {
  readonly kind: 'TIMED_OUT';
  readonly step: string;
  readonly phase: StepPhase;
  /** Sends before this decision: the one that went unanswered was the last of them. */
  readonly attempts: number;
  readonly action: 'RESENT' | 'GAVE_UP' | 'NEEDS_ATTENTION';
}

export interface NotDue {
  readonly kind: 'NOT_DUE';
}

/**
 * Every step that awaited a reply had its command (or compensation) sent again, attempts counted
 * afresh; and every final command awaiting its acknowledgement, named by its topic.
 */
export interface Retried {
  readonly kind: 'RETRIED';
  readonly steps: readonly string[];
}

/**
 * A person asked the saga to compensate: it abandoned `step` (whose reply it awaited) and walks back
 * over the steps that succeeded, newest first, for `reason` (the person's words).
 */
export interface CompensationRequested {
  readonly kind: 'COMPENSATION_REQUESTED';
  readonly step: string;
  readonly reason: string;
}
