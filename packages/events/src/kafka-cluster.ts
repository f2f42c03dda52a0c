import type { Logger } from '@saga/logging';
import type { KafkaAdmin } from './kafka-admin.ts';
import type { KafkaConnectionOptions } from './kafka-client-options.ts';
import type { RawConsumer, RawConsumerOptions } from './raw-consumer.ts';
import type { RawProducer } from './raw-producer.ts';

/**
 * The platform's handle on one Kafka cluster, for everything outside the event client that talks to
 * Kafka: readiness probes, the stack's bootstrap, the test kit's namespaces, the bench, and tests that
 * need bytes the event client would never send. It names what the platform needs, not what a client
 * library offers, so no package but @saga/events depends on the client (see createKafkaCluster).
 */
export interface KafkaCluster {
  /** The brokers it was given, for messages that say where Kafka was looked for. */
  readonly brokers: readonly string[];
  /** A connected admin client; `disconnect` it when done. */
  admin(): Promise<KafkaAdmin>;
  /** A connected producer of raw records; `disconnect` it when done. */
  producer(): Promise<RawProducer>;
  /** A consumer of raw records; resolves once it has joined its group and been given its partitions. */
  consumer(options: RawConsumerOptions): Promise<RawConsumer>;
  /**
   * Commits `groupId`'s offsets at the current end of `topics` (the broker's names), so the group
   * reads only what is published from now on. The group must have no members meanwhile.
   */
  startGroupAtEnd(groupId: string, topics: readonly string[]): Promise<void>;
}

/** How a KafkaCluster connects; the client defaults where a field is left out. */
export interface KafkaClusterOptions {
  /** The client id the broker sees in its logs and quotas. */
  readonly clientId: string;
  /** Brokers, TLS and SASL: `kafkaClientOptions(config)`. */
  readonly connection: KafkaConnectionOptions;
  readonly connectionTimeoutMs?: number;
  readonly authenticationTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
  /** How often a failed request is retried before it fails (0: never, for probes that must answer in time). */
  readonly retries?: number;
  /** Where the client's own warnings and errors go; without one it logs nothing. */
  readonly logger?: Logger;
}

/** Runs `work` with a connected admin client and disconnects it afterwards, whatever happened. */
export async function withAdmin<T>(
  cluster: KafkaCluster,
  work: (admin: KafkaAdmin) => Promise<T>,
): Promise<T> {
  const admin = await cluster.admin();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}
