/**
 * What `handle` made of a reply. APPLIED says which step it settled and as what; IGNORED says why
 * nothing changed, so the runner can log it and acknowledge the message rather than retry it.
 */
export type SagaOutcome = AppliedReply | IgnoredReply;

export interface AppliedReply {
  readonly kind: 'APPLIED';
  readonly step: string;
  /** LATE_SUCCESS: a success after the step failed, which the definition compensates. */
  readonly reply: 'SUCCESS' | 'FAILURE' | 'COMPENSATED' | 'LATE_SUCCESS';
}

/**
 * UNKNOWN_TOPIC: the topic is no reply of this saga. SAGA_ENDED: the saga has ended and the reply
 * starts nothing. UNEXPECTED_REPLY: the saga is under way but the reply is not one that the step it
 * concerns awaits now (a duplicate, or a late or contradicting reply).
 */
export interface IgnoredReply {
  readonly kind: 'IGNORED';
  readonly reason: 'UNKNOWN_TOPIC' | 'SAGA_ENDED' | 'UNEXPECTED_REPLY';
  /** For the log: which step the reply concerns and where that step is. */
  readonly detail: string;
}
