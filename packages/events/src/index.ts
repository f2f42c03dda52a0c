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
  type EventClientOptions,
  type Handler,
  type MessageContext,
  type PublishOptions,
} from './event-client.ts';
export { SchemaCatalog } from './schema-catalog.ts';
export { childTraceparent, isTraceparent } from './trace-context.ts';
export { ensureTopics, type TopicSpec } from './ensure-topics.ts';
export { createEventClient, type CreateEventClientOptions } from './create-event-client.ts';
export { kafkaLogBridge } from './kafka-log-bridge.ts';
export { kafkaClientOptions, type KafkaConnectionOptions } from './kafka-client-options.ts';
export {
  registryAuthHeaders,
  registryClientOptions,
  registryFetch,
  type RegistryConnectionOptions,
} from './registry-client-options.ts';
export { CaFileError } from './ca-file-error.ts';
