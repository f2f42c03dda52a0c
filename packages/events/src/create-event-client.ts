import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { Kafka, logLevel } from 'kafkajs';
import { avroOptions } from '@saga/avro';
import type { Config } from '@saga/config';
import { subjectOf, topicSchemas, type TopicMessageMap } from '@saga/contracts';
import type { Logger } from '@saga/logging';
import type { DeliveryObserver } from './delivery-observer.ts';
import { EventClient } from './event-client.ts';
import { kafkaClientOptions } from './kafka-client-options.ts';
import { kafkaLogBridge } from './kafka-log-bridge.ts';
import { kafkajsConnection } from './kafkajs-connection.ts';
import { registryClientOptions } from './registry-client-options.ts';

export interface CreateEventClientOptions {
  readonly config: Config;
  /** The service's name: the Kafka client id and the CloudEvents source `/services/<name>`. */
  readonly service: string;
  readonly logger: Logger;
  /** Replaces topics' schemas (tests use it to stand for code that drifted from the registry). */
  readonly schemas?: Partial<typeof topicSchemas>;
  /** Told of failed attempts and dead letters (the service's metrics). */
  readonly observer?: DeliveryObserver;
}

/**
 * The platform's event client: the saga's topic map, its schemas and Avro options, wired to Kafka
 * (with the configured TLS, SASL and topic prefix) and the registry (with its basic auth, when set).
 * @throws CaFileError when KAFKA_SSL_CA_FILE cannot be used.
 */
export function createEventClient(options: CreateEventClientOptions): EventClient<TopicMessageMap> {
  const { config, service, logger } = options;
  const kafka = new Kafka({
    clientId: service,
    ...kafkajsConnection(kafkaClientOptions(config)),
    logLevel: logLevel.WARN,
    logCreator: kafkaLogBridge(logger),
  });
  const registry = new SchemaRegistry(registryClientOptions(config), { [SchemaType.AVRO]: avroOptions });
  return new EventClient<TopicMessageMap>({
    kafka,
    registry,
    registryUrl: config.registry.url,
    schemas: { ...topicSchemas, ...options.schemas },
    avroOptions,
    subjectOf,
    source: `/services/${service}`,
    logger,
    topicPrefix: config.kafka.topicPrefix,
    ...(options.observer ? { observer: options.observer } : {}),
  });
}
