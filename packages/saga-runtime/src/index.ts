// The saga runtime: the saga manager, the generic I/O around the engine for any saga definition bound to messages.
export {
  defineSagaBinding,
  sagaListParameters,
  type SagaBinding,
  type SearchableField,
  type SagaCorrelation,
  type SagaKey,
  type SagaStarter,
} from './saga-binding.ts';
export { SagaBindingError } from './saga-binding-error.ts';
export { SagaSearchFieldError } from './saga-search-field-error.ts';
export {
  createSagaManager,
  type CompensateRequest,
  type CompensateResult,
  type Delivery,
  type ReplyResult,
  type RetryResult,
  type SagaManager,
  type SagaManagerDeps,
  type SagaWrites,
  type StartResult,
  type TimeoutResult,
} from './saga-manager.ts';
export {
  defaultDeadlineSchedulerPolicy,
  runDeadlinePass,
  startDeadlineScheduler,
  type DeadlineScheduler,
  type DeadlineSchedulerPolicy,
} from './deadline-scheduler.ts';
export { mongooseSagaStore, type SagaDeadline, type SagaListPage, type SagaStore } from './saga-store.ts';
export {
  admittedStatuses,
  completedOutcome,
  matchesSagaList,
  mayBeFinished,
  sagaListFilter,
  sagaListLimits,
  type SagaListQuery,
} from './saga-list-query.ts';
export {
  listedSagaProjection,
  sagaSummary,
  sagaSummaryFields,
  type ListedSaga,
  type SagaSummary,
  type SagaSummaryFields,
} from './saga-summary.ts';
export { sagaTopics } from './saga-topics.ts';
export {
  attentionView,
  sagaView,
  sagaViewFields,
  type AttentionView,
  type SagaView,
  type SagaViewFields,
  type StepView,
} from './saga-view.ts';
export {
  stepTimelines,
  stepTopicsOf,
  type StepTimeline,
  type StepTopics,
  type TimelineError,
  type TimelinePhase,
  type TimelineReceived,
  type TimelineSent,
  type TimelineTimeout,
} from './step-timeline.ts';
export { sagaIdOf } from './saga-id.ts';
export { engineState } from './engine-state.ts';
export { commandEntries } from './command-entries.ts';
export { decideReply, type ReplyDecision } from './reply-decision.ts';
export { decideTimeout, type TimeoutDecision } from './timeout-decision.ts';
export { decideRetry, type RetryDecision } from './retry-decision.ts';
export { decideCompensate, type CompensateDecision } from './compensate-decision.ts';
export {
  compensateEntry,
  receivedEntry,
  retryEntry,
  sentEntries,
  timeoutEntry,
  type ReceivedMessage,
  type Reception,
  type Rejection,
} from './history-entry.ts';
export {
  compensateUpdate,
  HISTORY_LIMIT,
  newSagaDocument,
  rejectionUpdate,
  retryUpdate,
  timeoutRejectionUpdate,
  timeoutUpdate,
  transitionUpdate,
  type SagaUpdate,
} from './saga-update.ts';
export { engineStep } from './engine-state.ts';
export { pendingRecord, stepRecords } from './step-records.ts';
export {
  finishedSagasCollection,
  sagaModel,
  sagasCollection,
  sagaSchema,
  type SagaModel,
} from './saga-model.ts';
export type {
  CompensateEntry,
  CompensationRecord,
  HistoryEntry,
  ReceivedEntry,
  ReceivedOutcome,
  RetryEntry,
  SagaDocument,
  SentEntry,
  StepRecord,
  TimeoutEntry,
} from './saga-document.ts';
export { dropRetiredSagaIndexes } from './retired-indexes.ts';
export type { SagaObserver } from './saga-observer.ts';
export { sagaOutcome, sagaProgress, type SagaProgress } from './saga-progress.ts';
export { sagaStatusCounts, type SagaStatusCountsOptions } from './saga-status-counts.ts';
