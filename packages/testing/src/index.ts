export { cleanUpKafkaNamespace, type KafkaNamespaceCleanupOptions } from './kafka-namespace-cleanup.ts';
export { memoryLogger, quietLogger } from './memory-logger.ts';
export { NamespaceNames } from './namespace-names.ts';
export { TestListener, type Received, type TestListenerOptions } from './test-listener.ts';
export {
  createTestNamespace,
  TestNamespace,
  type NamespacedServiceOptions,
  type TestNamespaceOptions,
} from './test-namespace.ts';
export { TestNamespaceError } from './test-namespace-error.ts';
export { TestPublisher } from './test-publisher.ts';
export { createTestStore, TestStore } from './test-store.ts';
export { bearer, customerToken, testJwt, testTokens } from './test-tokens.ts';
export { settle, waitFor } from './wait-for.ts';
export { freePort } from './free-port.ts';
export { prometheusSample } from './prometheus-sample.ts';
