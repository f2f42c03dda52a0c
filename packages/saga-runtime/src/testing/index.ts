// Test helpers of the saga runtime, for its own tests and those of the services that run sagas on it.
export { memorySagaStore } from './memory-saga-store.ts';
