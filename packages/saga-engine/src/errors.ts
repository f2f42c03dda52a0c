import { PlatformError } from '@saga/errors';

/**
 * Base of every saga-engine error. None is retriable: each says that a definition or a persisted
 * state is wrong, which trying again cannot change.
 */
export abstract class SagaEngineError extends PlatformError {
  readonly retriable = false;

  constructor(
    /** The name of the saga definition concerned. */
    readonly saga: string,
    message: string,
  ) {
    super(message);
  }
}

/** Why `defineSaga` refused a definition. */
export type SagaDefinitionErrorCode =
  | 'NO_STEPS'
  | 'DUPLICATE_STEP_NAME'
  | 'NO_SUCCESS_REPLY'
  | 'NO_COMPENSATION_REPLY'
  | 'AMBIGUOUS_REPLY'
  | 'REPLY_IS_COMMAND'
  | 'INVALID_POLICY'
  | 'UNKNOWN_STEP';

/**
 * A saga definition the engine cannot interpret unambiguously. Raised once, when the definition is
 * built at start-up, instead of as a wrong transition in production.
 */
export class SagaDefinitionError extends SagaEngineError {
  constructor(
    readonly code: SagaDefinitionErrorCode,
    saga: string,
    problem: string,
  ) {
    super(saga, `saga "${saga}" is not a valid definition: ${problem}`);
  }
}

/** Why `handle` refused a persisted state. */
export type SagaStateErrorCode =
  'UNSUPPORTED_STATE_VERSION' | 'STATE_OF_ANOTHER_SAGA' | 'STEPS_CHANGED' | 'INCONSISTENT_STATE';

/**
 * A persisted state that does not fit the definition handed with it: another saga's, an unknown
 * shape version, or a definition whose steps changed while the saga was in flight.
 */
export class SagaStateError extends SagaEngineError {
  constructor(
    readonly code: SagaStateErrorCode,
    saga: string,
    problem: string,
  ) {
    super(saga, `state of saga "${saga}" cannot be handled: ${problem}`);
  }
}

/**
 * A retry asked of a saga that has nothing to re-drive: it ended (COMPLETED, or CANCELLED with no
 * compensation stopped), so sending its commands again would redo a finished saga.
 */
export class SagaNotRetriableError extends SagaEngineError {
  readonly code = 'SAGA_NOT_RETRIABLE';

  constructor(
    saga: string,
    /** The status the saga is in. */
    readonly status: string,
  ) {
    super(saga, `saga "${saga}" cannot be retried: it is ${status}, with no step awaiting a reply`);
  }
}

/** Why a saga cannot be asked to compensate (see `compensateSaga`). */
export type NotCompensableReason =
  'NO_COMPENSATION_POLICY' | 'ENDED' | 'ALREADY_COMPENSATING' | 'OUTCOME_DECIDED' | 'POINT_OF_NO_RETURN';

/**
 * A request to compensate a saga that cannot take it: its definition does not allow it, it has ended,
 * it compensates already, its outcome is decided (COMPLETING, CANCELLING), or the step it awaits must
 * not be given up on (no `onTimeout`: past the point of no return).
 */
export class SagaNotCompensableError extends SagaEngineError {
  readonly code = 'SAGA_NOT_COMPENSABLE';

  constructor(
    saga: string,
    /** The status the saga is in. */
    readonly status: string,
    readonly reason: NotCompensableReason,
    detail: string,
  ) {
    super(saga, `saga "${saga}" cannot be compensated: ${detail}`);
  }
}
