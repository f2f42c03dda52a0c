// The saga manager: the generic runtime that does the I/O for any saga definition bound to messages.
export {
  defineSagaBinding,
  type SagaBinding,
  type SagaCorrelation,
  type SagaStarter,
} from './saga-binding.ts';
export {
  createSagaManager,
  defaultSagaManagerPolicy,
  type Delivery,
  type ReplyResult,
  type SagaManager,
  type SagaManagerDeps,
  type SagaManagerPolicy,
  type StartResult,
} from './saga-manager.ts';
export { mongooseSagaStore, type SagaStore } from './saga-store.ts';
export { sagaTopics } from './saga-topics.ts';
export { sagaView, type SagaView } from './saga-view.ts';
export { SagaVersionConflictError } from './errors.ts';
export { awaitOutboxDrained, type OutboxDrainPolicy } from './outbox-drain.ts';
export { createKeyedLock, type KeyedLock } from './keyed-lock.ts';
export { engineState } from './engine-state.ts';
export { decideReply, type ReplyDecision } from './reply-decision.ts';
export { receivedEntry, sentEntries, type ReceivedMessage, type Reception } from './history-entry.ts';
export {
  guardFilter,
  newSagaDocument,
  rejectionUpdate,
  transitionUpdate,
  type SagaUpdate,
} from './saga-update.ts';
export { pendingRecord, stepRecords } from './step-records.ts';
