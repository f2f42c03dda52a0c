import type mongoose from 'mongoose';
import { loadConfig, type Config } from '@saga/config';
import { Topics, type TopicMessageMap, type TopicName } from '@saga/contracts';
import {
  createEventClient,
  createKafkaCluster,
  deadLetterTopicOf,
  ensureTopics,
  kafkaClientOptions,
  TopicNamespace,
  withAdmin,
  type EventClient,
  type KafkaCluster,
} from '@saga/events';
import { everyStep } from './every-step.ts';
import { cleanUpKafkaNamespace } from './kafka-namespace-cleanup.ts';
import { quietLogger } from './memory-logger.ts';
import { NamespaceNames } from './namespace-names.ts';
import { TestListener, type TestListenerOptions } from './test-listener.ts';
import { TestNamespaceError } from './test-namespace-error.ts';
import { TestPublisher } from './test-publisher.ts';
import { TestStore } from './test-store.ts';
import { testJwt, testTokens } from './test-tokens.ts';

export interface TestNamespaceOptions {
  /** The environment the namespace's env and config start from (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** Partitions of each topic (default 3, as the stack's bootstrap makes them). */
  readonly partitions?: number;
}

/** What a suite hands runService so that the service runs inside the namespace. */
export interface NamespacedServiceOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly dbName: string;
  readonly groupId: string;
  readonly port: 0;
  readonly host: '127.0.0.1';
  readonly handleSignals: false;
}

/** How long creating the namespace's topics may take, retries included. */
const TOPIC_CREATION_MS = 30_000;
/** Consumer groups take a moment to empty after their members leave; close waits this long at most. */
const GROUP_DELETION_MS = 20_000;

/**
 * One suite's world on the shared broker and store: every platform topic (and its `.dlq`) under a
 * prefix of its own, consumer groups and databases named after it, and the test tokens. A service
 * started with `env` (or `serviceOptions`) publishes and consumes only there, so a suite needs no
 * order relative to others, no filtering of their messages, and leaves nothing for `npm start`'s
 * services to consume. `close` takes it all away again: what was registered with `cleanup` (services,
 * newest first), the clients it made, then its consumer groups, topics and databases.
 */
export class TestNamespace {
  readonly prefix: string;
  /** The given environment with KAFKA_TOPIC_PREFIX, the test tokens (OPS_TOKENS, ADMIN_TOKENS) and JWT settings. */
  readonly env: NodeJS.ProcessEnv;
  readonly config: Config;
  /**
   * The platform's handle on the broker, with the configured connection settings: admin requests, and
   * raw producers and consumers for bytes the event client would never send (see KafkaCluster).
   */
  readonly kafka: KafkaCluster;
  private readonly cleanups: (() => Promise<unknown>)[] = [];
  private readonly store: TestStore;
  private listeners = 0;

  constructor(
    readonly suite: string,
    private readonly names: NamespaceNames,
    baseEnv: NodeJS.ProcessEnv,
  ) {
    this.prefix = names.prefix;
    this.env = {
      ...baseEnv,
      KAFKA_TOPIC_PREFIX: names.prefix,
      OPS_TOKENS: testTokens.ops,
      ADMIN_TOKENS: testTokens.admin,
      AUTH_JWT_SECRET: testJwt.secret,
      AUTH_JWT_ISSUER: testJwt.issuer,
      AUTH_JWT_AUDIENCE: testJwt.audience,
    };
    this.config = loadConfig(this.env);
    this.kafka = createKafkaCluster({
      clientId: `test-${suite}`,
      connection: kafkaClientOptions(this.config),
    });
    this.store = new TestStore(names, this.config.mongo.url);
  }

  /**
   * The broker's name of a platform topic in this namespace (`<prefix><topic>`), for a test that talks
   * to Kafka itself (raw bytes, a bare consumer); the event client and DeadLetters translate on their own.
   */
  physicalTopic(topic: string): string {
    return new TopicNamespace(this.prefix).physical(topic);
  }

  /** A consumer group of the namespace: deleted by `close`, whoever joined it. */
  groupId(label: string): string {
    return this.names.groupId(label);
  }

  /** A database of the namespace: dropped by `close`. */
  dbName(label: string): string {
    return this.store.dbName(label);
  }

  /** runService's options for `service` in this namespace: its env, database and group, any free port. */
  serviceOptions(service: string): NamespacedServiceOptions {
    return {
      env: this.env,
      dbName: this.dbName(service),
      groupId: this.groupId(service),
      port: 0,
      host: '127.0.0.1',
      handleSignals: false,
    };
  }

  /** Registers work for `close` to do first, newest first: stopping a service before its group goes. */
  cleanup(work: () => Promise<unknown>): void {
    this.cleanups.push(work);
  }

  /** An event client in the namespace, disconnected by `close`. */
  eventClient(service: string): EventClient<TopicMessageMap> {
    const client = createEventClient({ config: this.config, service, logger: quietLogger(service) });
    this.cleanup(() => client.disconnect());
    return client;
  }

  /** A listener of `topics` in a group of its own, already receiving. */
  async listen<T extends TopicName>(
    topics: readonly T[],
    options: TestListenerOptions = {},
  ): Promise<TestListener<T>> {
    this.listeners += 1;
    const listener = new TestListener(this.eventClient(`${this.suite}-listener`), topics, options);
    await listener.start(this.groupId(`listener-${this.listeners}`));
    return listener;
  }

  /** A publisher of `topics`, connected (their schemas checked against the registry). */
  async publisher<T extends TopicName>(topics: readonly T[]): Promise<TestPublisher<T>> {
    const client = this.eventClient(`${this.suite}-publisher`);
    await client.connect({ publishes: [...topics] });
    return new TestPublisher(client, topics);
  }

  /** A connection of the test's own to one of the namespace's databases, closed by `close`. */
  connectDatabase(name: string, options: { maxPoolSize?: number } = {}): Promise<mongoose.Connection> {
    return this.store.connectDatabase(name, options);
  }

  /**
   * Creates the namespace's topics, each with its `.dlq`; createTestNamespace calls it. While other
   * suites create theirs at the same moment, the client's wait for the new topics' leaders can fail on
   * metadata the broker has not caught up with; the topics are there by then, and ensureTopics creates
   * only what is missing, so it is simply asked again, until every topic answers for its offsets.
   */
  async createTopics(partitions: number): Promise<void> {
    const specs = Object.values(Topics).map((topic) => ({ topic, partitions }));
    const deadline = Date.now() + TOPIC_CREATION_MS;
    for (;;) {
      try {
        await ensureTopics(this.kafka, specs, { topicPrefix: this.prefix });
        await this.topicsAnswer(specs.flatMap(({ topic }) => [topic, deadLetterTopicOf(topic)]));
        return;
      } catch (error) {
        if (Date.now() > deadline)
          throw new TestNamespaceError(
            'NAMESPACE_NOT_CREATED',
            `the topics of ${this.prefix}* could not be created in ${TOPIC_CREATION_MS / 1000} s`,
            { cause: error },
          );
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /**
   * Every one of the namespace's topics must be listed in the broker's metadata (a service checks its
   * `.dlq` topics there before it consumes) and answer for its offsets: a topic just created can be
   * missing from the metadata, or answer "not the leader", for a moment (both seen on a fresh broker).
   * Throws until then; createTopics asks again.
   */
  private async topicsAnswer(logical: readonly string[]): Promise<void> {
    const namespace = new TopicNamespace(this.prefix);
    const expected = logical.map((topic) => namespace.physical(topic));
    await withAdmin(this.kafka, async (admin) => {
      const listed = new Set(await admin.listTopics());
      const unlisted = expected.filter((topic) => !listed.has(topic));
      if (unlisted.length > 0) {
        throw new TestNamespaceError(
          'TOPICS_NOT_LISTED',
          `not in the broker's metadata yet: ${unlisted.join(', ')}`,
        );
      }
      for (const topic of expected) await admin.topicOffsets(topic);
    });
  }

  /**
   * Stops what was registered (newest first), then deletes the namespace's consumer groups and
   * topics, closes the test's connections and drops its databases. Every step runs even when an
   * earlier one failed; the first failure is thrown at the end, so a suite that leaves something
   * behind says so.
   */
  close(): Promise<void> {
    return everyStep([
      ...this.cleanups.splice(0).reverse(),
      () => this.deleteKafkaNamespace(),
      () => this.store.close(),
    ]);
  }

  /** The namespace's consumer groups and topics (kafka-namespace-cleanup.ts), with one admin client. */
  private deleteKafkaNamespace(): Promise<void> {
    return withAdmin(this.kafka, (admin) =>
      cleanUpKafkaNamespace(admin, this.prefix, {
        groupDeletionMs: GROUP_DELETION_MS,
        leftBehindHint: 'Stop services before close, or register their stop with cleanup()',
      }),
    );
  }
}

/**
 * A new namespace for `suite` (a short name: `inventory-reserve`), its topics created and ready.
 * Call it in a `before` hook and `close` it in the `after` hook.
 */
export async function createTestNamespace(
  suite: string,
  options: TestNamespaceOptions = {},
): Promise<TestNamespace> {
  const namespace = new TestNamespace(suite, new NamespaceNames(suite), options.env ?? process.env);
  await namespace.createTopics(options.partitions ?? 3);
  return namespace;
}
