export { defineSaga } from './define-saga.ts';
export { start } from './start.ts';
export { handle } from './handle.ts';
export { handleTimeout } from './handle-timeout.ts';
export { retrySaga } from './retry-saga.ts';
export { compensateSaga } from './compensate-saga.ts';
export { withPolicies, type PolicyOverrides } from './with-policies.ts';
export { policyProblem, replyWindowMs, type StepPolicy } from './step-policy.ts';
export {
  SagaDefinitionError,
  SagaEngineError,
  SagaNotCompensableError,
  SagaNotRetriableError,
  SagaStateError,
  type NotCompensableReason,
  type SagaDefinitionErrorCode,
  type SagaStateErrorCode,
} from './errors.ts';
export type {
  CompensationContext,
  CompensationFailureHandlers,
  CompensationRequest,
  FailureHandlers,
  FinalCommand,
  ReplyHandlers,
  SagaCommand,
  SagaCompensation,
  SagaDefinition,
  SagaSpec,
  SagaStep,
  StepContext,
  StepFailure,
  TimeoutContext,
} from './saga-definition.ts';
export {
  isEnded,
  isWalkOver,
  nextDeadline,
  SAGA_STATE_VERSION,
  type FinalCommandState,
  type SagaState,
  type SagaStatus,
  type StepState,
  type StepStatus,
} from './saga-state.ts';
export type { AttentionReason, SagaAttention } from './saga-attention.ts';
export type {
  AppliedReply,
  CompensationRequested,
  IgnoredReply,
  NotDue,
  Retried,
  SagaOutcome,
  StepPhase,
  TimedOut,
} from './saga-outcome.ts';
export type { SagaDecision, SagaTransition, TransitionOptions } from './saga-transition.ts';
export type { SagaAction, SagaReply, TopicOf } from './topic-map.ts';
