export { fromHeaders, toHeaders, type EventMetadata } from './cloud-event-headers.ts';
export {
  EventClientError,
  MessageDecodeError,
  MessageEncodeError,
  RegistryUnavailableError,
  SchemaIncompatibleError,
  SchemaNotRegisteredError,
} from './errors.ts';
export {
  EventClient,
  type ConsumeOptions,
  type EventClientOptions,
  type PreparedEvent,
  type Handler,
  type MessageContext,
  type PublishOptions,
} from './event-client.ts';
export { SchemaCatalog } from './schema-catalog.ts';
export {
  causeTraceparent,
  childTraceparent,
  isTraceparent,
  spanContextOf,
  traceparentOf,
} from './trace-context.ts';
export {
  startProducerSpan,
  withConsumerSpan,
  type ConsumedMessage,
  type ProducerSpan,
} from './messaging-spans.ts';
export { ensureTopics, type EnsureTopicsOptions, type TopicSpec } from './ensure-topics.ts';
export { TopicNamespace } from './topic-namespace.ts';
export { createEventClient, type CreateEventClientOptions } from './create-event-client.ts';
export { kafkaLogBridge } from './kafka-log-bridge.ts';
export {
  kafkaClientOptions,
  type KafkaConnectionOptions,
  type KafkaSaslOptions,
} from './kafka-client-options.ts';
export { withAdmin, type KafkaCluster, type KafkaClusterOptions } from './kafka-cluster.ts';
export { createKafkaCluster } from './kafkajs-cluster.ts';
export type { ClusterDescription, KafkaAdmin, NewTopic, PartitionOffsets } from './kafka-admin.ts';
export type { RawProducer } from './raw-producer.ts';
export type { RawConsumer, RawConsumerOptions, StartOffset } from './raw-consumer.ts';
export type { ConsumedRecord, OutgoingRecord, RawRecord, RecordHeaders } from './kafka-record.ts';
export { isKafkaOutage, kafkaErrorKind, type KafkaErrorKind } from './kafka-error-kind.ts';
export { startGroupAtEnd } from './start-group-at-end.ts';
export { KeyAffinityAssigner, keyAffinityAssignerName } from './key-affinity-assigner.ts';
export { PartitionOwnership, type KeyOwnership, type TopicPartitions } from './key-ownership.ts';
export {
  registryAuthHeaders,
  registryClientOptions,
  registryFetch,
  type RegistryConnectionOptions,
} from './registry-client-options.ts';
export { CaFileError } from './ca-file-error.ts';
export {
  classifyError,
  describeError,
  isOutage,
  type DeadLetterClassification,
  type ErrorClassification,
  type ErrorDescription,
} from './error-classification.ts';
export {
  defaultConsumerRetryPolicy,
  exponentialBackoff,
  type ConsumerRetryPolicy,
} from './consumer-retry-policy.ts';
export {
  DEAD_LETTER_SUFFIX,
  deadLetterRecord,
  deadLetterTopicOf,
  DeadLetterHeaders,
  headerText,
  isDeadLetterTopic,
  parseDeadLetter,
  parseReplayOf,
  replayRecord,
  type DeadLetter,
  type DeadLetterFailure,
  type RecordPosition,
  type ReplayedTo,
  type ReplayOf,
} from './dead-letter.ts';
export {
  InvalidDeadLetterFilterError,
  isFiltering,
  matchesDeadLetterFilter,
  parseDeadLetterFilter,
  parseTimeBound,
  type DeadLetterFilter,
} from './dead-letter-filter.ts';
export { avroToJson, DeadLetterValueDecoder, type DecodedValue } from './dead-letter-value.ts';
export {
  planReplayAll,
  type ReplayAllOptions,
  type ReplayPlan,
  type SkippedDeadLetter,
  type SkipReason,
} from './replay-plan.ts';
export {
  latestReplays,
  parseReplayLogEntry,
  REPLAY_LOG_SUFFIX,
  replayLogMessage,
  replayLogTopicConfig,
  replayLogTopicOf,
  type ReplayLogEntry,
} from './replay-log.ts';
export { DeadLetterTopicMissingError } from './dead-letter-topic-missing-error.ts';
export {
  DeadLetterAlreadyReplayedError,
  DeadLetterNotFoundError,
  DeadLetters,
  NotADeadLetterTopicError,
  type DeadLettersOptions,
  type ListOptions,
  type Replayed,
  type ReplayOutcome,
} from './dead-letters.ts';
export {
  ConsumerStoppingError,
  deliverMessage,
  type DeliveryDeps,
  type DeliveryOutcome,
  type MessagePosition,
} from './message-delivery.ts';
export { deadLetterTopicConfig } from './ensure-topics.ts';
export { readConsumerLag, type PartitionLag } from './consumer-lag.ts';
export type { DeliveryObserver } from './delivery-observer.ts';
