import type { StepPolicy } from './step-policy.ts';
import type { TopicOf } from './topic-map.ts';

/** What a command's value is built with besides the saga data: the time of the decision, never read from a clock. */
export interface StepContext {
  readonly now: Date;
}

/** What a compensating (or cancelling) command is built with: also why the saga compensates. */
export interface CompensationContext<R> extends StepContext {
  readonly reason: R;
}

/**
 * A command to send: its topic, and a pure function that builds its value from the saga data. The
 * union over topics makes `value` return exactly that topic's message type.
 */
export type SagaCommand<M extends object, D, C = StepContext> = {
  [T in TopicOf<M>]: {
    readonly topic: T;
    /** Whether to send it at all; absent means always. A step whose command is not sent is SKIPPED. */
    readonly when?: (data: D) => boolean;
    readonly value: (data: D, context: C) => M[T];
  };
}[TopicOf<M>];

/**
 * A command the saga sends once it has ended its walk (on completion, or once cancelled): a step's
 * command without a step. With `acknowledgedBy`, its receiver answers it, and the saga awaits that
 * answer (COMPLETING, CANCELLING) before it ends, re-sending the command by `policy`; once the
 * attempts are spent the saga NEEDS_ATTENTION, as the outcome it decided was never delivered. Without
 * it, the command is sent once, and the saga ends at once.
 */
export type FinalCommand<M extends object, D, C = StepContext> = SagaCommand<M, D, C> & {
  /** The reply topic that says the command was applied (or had been, for a repeat). */
  readonly acknowledgedBy?: TopicOf<M>;
  /** Deadline and re-sends of the command; only with `acknowledgedBy`. Absent: the saga waits forever. */
  readonly policy?: StepPolicy;
};

/** Reply topics that mean success (or a confirmed compensation), each with how it updates the saga data. */
export type ReplyHandlers<M extends object, D> = {
  readonly [T in TopicOf<M>]?: (data: D, message: M[T]) => D;
};

/** What a failure reply means for the saga: why it gives up, and optionally what to remember of it. */
export interface StepFailure<D, R> {
  readonly reason: R;
  readonly data?: D;
}

/** Reply topics that mean failure, each with how it derives the failure from the reply. */
export type FailureHandlers<M extends object, D, R> = {
  readonly [T in TopicOf<M>]?: (data: D, message: M[T]) => StepFailure<D, R>;
};

/**
 * Reply topics that say a compensation could not be done, each with how it explains that (in words,
 * for the person who has to look: a saga whose compensation failed NEEDS_ATTENTION).
 */
export type CompensationFailureHandlers<M extends object, D> = {
  readonly [T in TopicOf<M>]?: (data: D, message: M[T]) => string;
};

/** Why a step gave up: how many sends went unanswered. */
export interface TimeoutContext {
  readonly attempts: number;
}

/** A person's request that a saga compensate: the step it abandons, and the person's reason, in words. */
export interface CompensationRequest {
  /** The step whose reply the saga was awaiting, which it stops waiting for (ABANDONED). */
  readonly step: string;
  readonly reason: string;
}

/** How to undo a step that succeeded: a command, and the reply topic(s) that confirm it is undone. */
export interface SagaCompensation<M extends object, D, R> {
  readonly command: SagaCommand<M, D, CompensationContext<R>>;
  readonly onConfirmed: ReplyHandlers<M, D>;
  /** Absent when the participant cannot refuse to compensate. */
  readonly onFailure?: CompensationFailureHandlers<M, D>;
  /**
   * Deadline and re-sends of the compensation command. Absent: it waits for its confirmation forever.
   * Once its attempts are spent the saga NEEDS_ATTENTION: an undo that did not happen cannot be skipped.
   */
  readonly policy?: StepPolicy;
  /**
   * Also undo a success reply that arrives after the step failed (its participant changed its mind,
   * or a later time-out gave up on it): the effect happened and nobody wants it any more, so the
   * engine sends the compensation even if the saga has ended. Off by default: such a reply is ignored.
   */
  readonly compensateLateSuccess?: boolean;
}

/** One step: a command to a participant, the replies that settle it, and how to undo it. */
export interface SagaStep<M extends object, D, R> {
  /** Unique within the saga; persisted states name their steps with it. */
  readonly name: string;
  readonly command: SagaCommand<M, D>;
  readonly onSuccess: ReplyHandlers<M, D>;
  /** Absent when the participant cannot refuse. */
  readonly onFailure?: FailureHandlers<M, D, R>;
  /** Absent when there is nothing to undo, so compensation walks past the step. */
  readonly compensation?: SagaCompensation<M, D, R>;
  /** Deadline and re-sends of the step's command. Absent: the step waits for its reply forever. */
  readonly policy?: StepPolicy;
  /**
   * What giving up on the step means, once its policy's attempts are spent: a failure, so the step is
   * TIMED_OUT and the saga compensates what came before it. Absent: the step must not be given up on
   * (it comes after a point of no return, so undoing the others would be wrong), and the saga
   * NEEDS_ATTENTION instead.
   */
  readonly onTimeout?: (data: D, context: TimeoutContext) => StepFailure<D, R>;
}

/**
 * A saga as data: the steps in order, what to send when every step succeeded, and what to send once
 * a failure has been compensated. Pass it to `defineSaga` to validate it.
 *
 * @typeParam M - the topic map: topic name to message type
 * @typeParam D - the saga's data, updated by replies and read by commands
 * @typeParam R - why a saga fails (what failure replies map to)
 */
export interface SagaSpec<M extends object, D, R> {
  readonly name: string;
  readonly steps: readonly SagaStep<M, D, R>[];
  readonly onCompleted: readonly FinalCommand<M, D>[];
  readonly onCancelled: readonly FinalCommand<M, D, CompensationContext<R>>[];
  /**
   * What a person's request to compensate means (`compensateSaga`): the failure the saga cancels with,
   * from its data and the person's words. Absent: nobody may ask the saga to compensate.
   */
  readonly onCompensationRequested?: (data: D, request: CompensationRequest) => StepFailure<D, R>;
}

/** A spec that `defineSaga` validated, with what a runner needs to know of it. */
export interface SagaDefinition<M extends object, D, R> extends SagaSpec<M, D, R> {
  /** Every topic the saga awaits replies on, each once: what the runner subscribes to. */
  readonly replyTopics: readonly TopicOf<M>[];
}
