export { defineSaga } from './define-saga.ts';
export { start } from './start.ts';
export { handle } from './handle.ts';
export {
  SagaDefinitionError,
  SagaEngineError,
  SagaStateError,
  type SagaDefinitionErrorCode,
  type SagaStateErrorCode,
} from './errors.ts';
export type {
  CompensationContext,
  FailureHandlers,
  ReplyHandlers,
  SagaCommand,
  SagaCompensation,
  SagaDefinition,
  SagaSpec,
  SagaStep,
  StepContext,
  StepFailure,
} from './saga-definition.ts';
export {
  isEnded,
  SAGA_STATE_VERSION,
  type SagaState,
  type SagaStatus,
  type StepState,
  type StepStatus,
} from './saga-state.ts';
export type { AppliedReply, IgnoredReply, SagaOutcome } from './saga-outcome.ts';
export type { SagaDecision, SagaTransition, TransitionOptions } from './saga-transition.ts';
export type { SagaAction, SagaReply, TopicOf } from './topic-map.ts';
