// Outbox: a state change and the messages it causes are written in one document update.
export {
  appendToOutbox,
  outboxEntry,
  outboxEntrySchema,
  outboxField,
  outboxFields,
  outboxPendingField,
  type OutboxEntry,
} from './outbox/outbox-entry.ts';
export {
  MalformedOutboxEntryError,
  startOutboxRelay,
  type OutboxRelay,
  type OutboxRelayDeps,
} from './outbox/outbox-relay.ts';
// Idempotent consumers: dedupe by message id in the same atomic update that applies the message.
export {
  markProcessed,
  notYetProcessed,
  processedMessagesDefinition,
  processedMessagesField,
} from './inbox/processed-messages.ts';
export { combineUpdates, ConflictingUpdateError } from './store/combine-updates.ts';
export { isDuplicateKeyError } from './store/duplicate-key-error.ts';
export { arrayElementWith } from './store/array-element-with.ts';
export { noArrayElementWith } from './store/no-array-element-with.ts';
export { guardQueries } from './store/guard-queries.ts';
// The one write path: read by _id, decide, one guarded write with dedupe and outbox.
export {
  createAggregateRuntime,
  defaultGuardRetry,
  type AggregateRuntime,
  type AggregateRuntimeDeps,
  type Applied,
  type AppliedMessage,
  type ApplyOptions,
} from './aggregate/aggregate-runtime.ts';
export { decision, type Decision } from './aggregate/decision.ts';
export { aggregateFields, type AggregateFields } from './aggregate/aggregate-fields.ts';
export { GuardLostError } from './aggregate/guard-lost-error.ts';
export {
  archiveWhenFinished,
  ensureArchiveIndexes,
  findArchived,
  findCurrent,
  finishedArchiveOf,
  type ArchiveIndex,
  type FinishedArchive,
} from './aggregate/finished-archive.ts';
export { PlatformError } from '@saga/errors';
// Single writer per document: every write runs through it, enforced on the service's connection.
export { createSingleWriter, type SingleWriter, type WrittenModel } from './store/single-writer.ts';
export { enforceSingleWriter } from './store/enforce-single-writer.ts';
export { UnserializedWriteError } from './store/unserialized-write-error.ts';
export { createKeyedQueue, type KeyedQueue } from './concurrency/keyed-queue.ts';
export { uuidV5 } from './ids/uuid-v5.ts';
export type { AnyModel } from './store/any-model.ts';
// Lists newest first across a hot collection and its archive, a page at a time by an opaque cursor.
export { decodeCursor, encodeCursor, type ListCursor } from './listing/list-cursor.ts';
export {
  afterCursor,
  mergeNewestFirst,
  newestFirst,
  pageOf,
  type Listed,
} from './listing/merge-newest-first.ts';
// Crash points (tests only).
export {
  armCrashPoints,
  crashPoint,
  crashPointNames,
  CrashPointSpecError,
  parseCrashPoints,
  type CrashPointName,
} from './crash/crash-points.ts';
// Service runtime.
export {
  defineService,
  type ServiceContext,
  type ServiceDefinition,
  type ServiceHandlers,
  type ServiceName,
} from './runtime/service-definition.ts';
export {
  runService,
  runServiceMain,
  defaultStorePoolSize,
  storeConnectionOptions,
  type RunningService,
  type RunServiceOptions,
} from './runtime/run-service.ts';
export { StartupError } from './runtime/startup-error.ts';
export { kafkaProbe, registryProbe, storeProbe } from './runtime/platform-probes.ts';
// HTTP.
export {
  ConflictError,
  ForbiddenError,
  HttpError,
  MalformedJsonError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
  type FieldError,
} from './http/http-error.ts';
export { parseBody } from './http/parse-body.ts';
export { parseQuery, type RawQuery } from './http/parse-query.ts';
export { principalOf, principalOfRequest, requireRole } from './http/require-role.ts';
export type { Principal, Role } from '@saga/identity';
export {
  authIsConfigured,
  callerAuthenticator,
  type CallerAuthenticator,
} from './http/caller-authenticator.ts';
export { assertMayActFor, customerScope, maySee } from './http/caller-access.ts';
export { AuthNotConfiguredError } from './http/auth-not-configured-error.ts';
export { securityHeaders, securityHeadersMiddleware } from './http/security-headers.ts';
export { forbiddenJsonKeys, jsonKeyProblem } from './http/json-key-problem.ts';
export { errorMiddleware, type ErrorBody } from './http/error-middleware.ts';
export { requestLogging } from './http/request-logging.ts';
export { jsonBodyParser, type JsonBodyParserOptions } from './http/json-body-parser.ts';
export {
  createReadiness,
  type Probe,
  type Readiness,
  type ReadinessCheck,
  type ReadinessOptions,
  type ReadinessReport,
} from './http/readiness.ts';
export { mountHealthRoutes } from './http/health-routes.ts';
export { createHttpApp, type HttpAppDeps } from './http/create-http-app.ts';
export { httpMetrics, unmatchedRoute } from './http/http-metrics.ts';
export { mountMetricsRoute, type MetricsRouteDeps } from './http/metrics-route.ts';
// Retries.
export { defaultRetryPolicy, retryDelay, type RetryPolicy } from './retry/retry-policy.ts';
export { isRetriableByFlag, retry, RetryTimeoutError, type RetryOptions } from './retry/retry.ts';
// Dead letters: admin endpoints to list and replay what the consumers gave up on.
export {
  mountDeadLetterRoutes,
  type DeadLetterRoutesDeps,
  type DeadLetterStore,
} from './dead-letters/dead-letter-routes.ts';
export { deadLetterView, type DeadLetterView } from './dead-letters/dead-letter-view.ts';
export { createMessageOutcomes, type MessageOutcomes } from './runtime/message-outcomes.ts';
export { createServiceMetrics, type ServiceMetrics } from './runtime/service-metrics.ts';
export { createOutboxBacklog, type OutboxBacklog } from './outbox/outbox-backlog.ts';
// HTTP API descriptions: operations as data, the OpenAPI document made from them, and the check.
export { defineOperation, type ApiAnswer, type ApiOperation, type HttpMethod } from './api/api-operation.ts';
export type { ServiceApi } from './api/service-api.ts';
export { errorBodySchema } from './api/error-body-schema.ts';
export type { Conforms, Wire } from './api/conforms.ts';
export {
  openApiDocument,
  openApiPath,
  type OpenApiDocument,
  type ServiceApiDescription,
} from './api/openapi-document.ts';
export { serviceDocument } from './api/service-document.ts';
export {
  kitOperations,
  getHealth,
  getReadiness,
  getMetrics,
  getOpenApiDocument,
} from './api/kit-operations.ts';
export { listDeadLetters, replayDeadLetters } from './dead-letters/dead-letter-operations.ts';
export { mountOpenApiRoute } from './api/openapi-route.ts';
export { documentedRoutes, mountedRoutes, routeDrift, type MountedRoute } from './api/route-drift.ts';
export { offlineRoutes } from './api/offline-routes.ts';
export { serviceRoutes } from './runtime/service-routes.ts';
export { requireAccess } from './api/require-access.ts';
