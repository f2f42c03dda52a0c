import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import mongoose, { type SchemaType } from 'mongoose';
import { loadConfig } from '@saga/config';
import type { TopicName } from '@saga/contracts';
import {
  createEventClient,
  defaultConsumerRetryPolicy,
  EventClientError,
  RegistryUnavailableError,
  type KeyOwnership,
  type MessageContext,
} from '@saga/events';
import { createLogger, redactUrl, type Logger } from '@saga/logging';
import { createHttpApp } from '../http/create-http-app.ts';
import { createReadiness } from '../http/readiness.ts';
import { armCrashPoints, crashPoint } from '../crash/crash-points.ts';
import { outboxField } from '../outbox/outbox-entry.ts';
import { startOutboxRelay } from '../outbox/outbox-relay.ts';
import { retry, RetryTimeoutError } from '../retry/retry.ts';
import { defaultRetryPolicy, retryDelay, type RetryPolicy } from '../retry/retry-policy.ts';
import { guardQueries } from '../store/guard-queries.ts';
import { enforceSingleWriter } from '../store/enforce-single-writer.ts';
import { createSingleWriter } from '../store/single-writer.ts';
import { createAggregateRuntime } from '../aggregate/aggregate-runtime.ts';
import { ensureArchiveIndexes } from '../aggregate/finished-archive.ts';
import { kafkaProbe, registryProbe, storeProbe } from './platform-probes.ts';
import type { AnyModel } from '../store/any-model.ts';
import type { ServiceContext, ServiceDefinition } from './service-definition.ts';
import { StartupError } from './startup-error.ts';
import { createServiceMetrics } from './service-metrics.ts';
import { startTracing } from './start-tracing.ts';
import { serviceRoutes } from './service-routes.ts';
import { serviceDocument } from '../api/service-document.ts';

export interface RunServiceOptions {
  /** Where configuration is read from (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** Overrides the configured port; 0 takes any free port. */
  readonly port?: number;
  /** Interface to listen on (default: all). */
  readonly host?: string;
  /** Overrides the database name (default: the service name with `_` for `-`), e.g. for a test's own database. */
  readonly dbName?: string;
  /** Overrides the consumer group (default: the service name). */
  readonly groupId?: string;
  /** Backoff for start-up connections and the outbox relay; its `giveUpAfterMs` bounds start-up. */
  readonly retryPolicy?: RetryPolicy;
  /** Stop and exit 0 on SIGTERM/SIGINT (default true; tests that run several services turn it off). */
  readonly handleSignals?: boolean;
  readonly logger?: Logger;
  readonly relayIntervalMs?: number;
  readonly readiness?: { readonly timeoutMs?: number; readonly cacheMs?: number };
}

export interface RunningService {
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  readonly context: ServiceContext;
  /** Stops HTTP, the outbox relay, the consumer, the producer and the store connection, in that order. */
  stop(): Promise<void>;
}

/** HTTP requests still open this long after stop began are cut. */
const HTTP_GRACE_MS = 5_000;

/**
 * Starts a service from its definition: configuration, logger, store (indexes included), schema
 * verification and Kafka, handlers and the consumer group, the outbox relay, the start hook, then HTTP.
 *
 * Unreachable dependencies are retried by one policy, with every attempt logged, until the policy's
 * time budget is spent; then it rejects with a one-line StartupError (cause, then fix). Errors that
 * retrying cannot cure (a schema not registered, an invalid configuration or definition) reject at once,
 * with their own message. Whatever had started is stopped again before it rejects.
 */
export async function runService(
  definition: ServiceDefinition,
  options: RunServiceOptions = {},
): Promise<RunningService> {
  const config = loadConfig(options.env);
  const logger = options.logger ?? createLogger(definition.name, config.logLevel);
  const policy = options.retryPolicy ?? defaultRetryPolicy;
  const startedAt = Date.now();
  /** What to stop, in start order; stopping runs it newest first. */
  const started: { name: string; stop: () => Promise<unknown> }[] = [];
  const stopAll = async () => {
    for (const piece of started.splice(0).reverse()) {
      try {
        await piece.stop();
      } catch (error) {
        logger.warn({ err: error, piece: piece.name }, 'error while stopping');
      }
    }
  };
  const step = async <T>(operation: string, fix: (cause: unknown) => string, attempt: () => Promise<T>) => {
    try {
      return await retry(attempt, {
        policy,
        operation,
        logger,
        startedAt,
        isRetriable: isRetriableAtStartup,
      });
    } catch (error) {
      if (!(error instanceof RetryTimeoutError)) throw error;
      const cause = oneLine(error.cause);
      throw new StartupError(
        'STARTUP_TIMEOUT',
        definition.name,
        `could not ${operation} in ${Math.round(error.elapsedMs / 1000)}s (${error.attempts} attempts; last error: ${cause}); fix: ${fix(error.cause)}`,
        { cause: error.cause },
      );
    }
  };

  // Written before anything can fail or hang, so a log always shows that the process began.
  logger.info({ node: process.version }, 'starting');
  try {
    // First in, last out: stopping it last flushes the spans of everything stopped before.
    const tracing = await startTracing({ service: definition.name, logger });
    started.push({ name: 'tracing', stop: () => tracing.stop() });
    armCrashPoints(config.crashPoints);
    const dbName = options.dbName ?? `${config.mongo.dbPrefix}${definition.name.replaceAll('-', '_')}`;
    const storeUrl = redactUrl(config.mongo.url);
    const db = await step(
      `connect to the store at ${storeUrl}`,
      () => 'start the stack with `npm start`, or set MONGO_URL to a reachable MongoDB',
      () => connectStore(config.mongo.url, dbName, Math.min(5_000, Math.max(500, policy.giveUpAfterMs))),
    );
    started.push({ name: 'store connection', stop: () => db.close() });
    guardQueries(db);
    const writer = createSingleWriter();
    enforceSingleWriter(db, writer);
    const models = definition.models(db);
    await Promise.all(models.map((model) => model.init()));
    for (const model of models) await ensureArchiveIndexes(model);

    const metrics = createServiceMetrics({ service: definition.name, logger });
    const events = createEventClient({
      config,
      service: definition.name,
      logger,
      observer: metrics.deliveries,
    });
    // The event client's disconnect stops the consumer, then the producer.
    started.push({ name: 'event client', stop: () => events.disconnect() });
    const brokers = config.kafka.brokers.join(',');
    await step(
      `check schemas at ${config.registry.url} and connect to Kafka at ${brokers}`,
      (cause) =>
        cause instanceof RegistryUnavailableError
          ? 'start the stack with `npm start`, or set SCHEMA_REGISTRY_URL to a reachable registry'
          : 'start the stack with `npm start`, or set KAFKA_BROKERS to reachable brokers',
      () => events.connect({ publishes: [...definition.publishes], consumes: [...definition.consumes] }),
    );

    const kafka = kafkaProbe({
      config,
      service: definition.name,
      timeoutMs: options.readiness?.timeoutMs ?? 1000,
    });
    started.push({ name: 'readiness probe', stop: kafka.close });

    const relayed = models.filter(
      (model) => (model.schema.path(outboxField) as SchemaType | undefined) !== undefined,
    );
    const relay = startOutboxRelay({
      models: relayed,
      events,
      logger,
      writer,
      retryPolicy: policy,
      ...(options.relayIntervalMs === undefined ? {} : { intervalMs: options.relayIntervalMs }),
      ...(definition.keyOfDocument ? { mayWrite: ownedBy(definition.keyOfDocument, events.ownership) } : {}),
    });
    started.push({ name: 'outbox relay', stop: () => relay.stop() });
    // Keys gained from another replica may hold entries it did not get to send.
    const stopRelayOnGain = events.ownership.onGained(() => {
      relay.nudge();
    });
    started.push({
      name: 'relay on gained keys',
      stop: () => {
        stopRelayOnGain();
        return Promise.resolve();
      },
    });

    const aggregates = createAggregateRuntime({ writer, relay, logger, onMessage: metrics.onMessage });
    metrics.read({
      relay,
      ...(definition.consumes.length > 0 ? { consumerLag: () => events.consumerLag() } : {}),
    });
    const context: ServiceContext = {
      config,
      logger,
      events,
      db,
      relay,
      writer,
      aggregates,
      metrics: metrics.registry,
    };
    const handlers = definition.handlers?.(context) ?? {};
    checkHandlers(definition, Object.keys(handlers) as TopicName[]);
    for (const [topic, handler] of Object.entries(handlers) as [TopicName, Handler][]) {
      // A handler's error goes back to the event client, which classifies it: transient ones retry the
      // same message, permanent ones dead-letter it to `<topic>.dlq`; it logs each with the message's position.
      const measured = metrics.measured(handler);
      events.subscribe(topic, async (value: unknown, message: MessageContext) => {
        await measured(value, message);
        crashPoint('after-store-write-before-commit');
      });
    }
    if (definition.consumes.length > 0) {
      await step(
        `join consumer group at Kafka ${brokers}`,
        () => 'start the stack with `npm start`, or set KAFKA_BROKERS to reachable brokers',
        () =>
          // A topic prefix (a test's namespace) names the groups too, so they never join the platform's.
          events.start(options.groupId ?? `${config.kafka.topicPrefix}${definition.name}`, {
            // The service's one retry policy also paces message retries (without its give-up time:
            // a transient failure is retried for as long as it lasts).
            retryPolicy: {
              ...defaultConsumerRetryPolicy,
              delayMs: (retryNumber) => retryDelay(policy, retryNumber),
            },
          }),
      );
    }

    await definition.onStart?.(context);
    if (definition.onStop) {
      const onStop = definition.onStop;
      started.push({ name: 'stop hook', stop: () => onStop(context) });
    }

    const readiness = createReadiness({
      probes: {
        kafka: kafka.probe,
        registry: registryProbe({ config }),
        store: storeProbe({ db }),
        schemas: () =>
          Promise.resolve(
            `${definition.publishes.length} published and ${definition.consumes.length} consumed topics match the registry (checked at start)`,
          ),
      },
      ...(options.readiness ?? {}),
    });
    const app = createHttpApp({
      logger,
      readiness,
      auth: config.auth,
      metrics: { registry: metrics.registry, public: config.metrics.public },
      openapi: serviceDocument(definition),
      routes: serviceRoutes(definition, context),
    });
    const port = options.port ?? definition.port(config);
    const host = options.host ?? config.host;
    const handle = app.callback();
    const server = await listen(
      (request, response) => {
        void handle(request, response);
      },
      port,
      host,
    ).catch((error: unknown) => {
      throw (error as { code?: string }).code === 'EADDRINUSE'
        ? new StartupError(
            'STARTUP_TIMEOUT',
            definition.name,
            `port ${port} is already in use; fix: stop what listens there, or set ${portVariable(definition.name)}`,
            { cause: error },
          )
        : error;
    });
    started.push({ name: 'HTTP server', stop: () => closeServer(server) });
    const url = `http://${urlHost(host)}:${(server.address() as AddressInfo).port}`;

    let stopping: Promise<void> | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info({ signal }, 'stopping');
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'stop failed');
          process.exit(1);
        },
      );
    };
    const stop = () =>
      (stopping ??= (async () => {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        await stopAll();
        logger.info('stopped');
      })());
    if (options.handleSignals ?? true) {
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
    }

    logger.info(
      {
        url,
        db: dbName,
        publishes: definition.publishes,
        consumes: definition.consumes,
        relayed: relayed.map((model) => model.modelName),
      },
      'service started',
    );
    return { url, context, stop };
  } catch (error) {
    logger.fatal({ code: (error as { code?: unknown }).code }, oneLine(error));
    await stopAll();
    throw error;
  }
}

/**
 * The entry point of a service process: runs it, and when it cannot start, prints the one-line
 * reason and exits 1 (runService has already stopped whatever it had started).
 */
export async function runServiceMain(
  definition: ServiceDefinition,
  options: RunServiceOptions = {},
): Promise<void> {
  try {
    await runService(definition, options);
  } catch (error) {
    process.stderr.write(`${oneLine(error)}\n`);
    process.exit(1);
  }
}

type Handler = (value: unknown, context: MessageContext) => Promise<void>;

/**
 * At start-up, an event-client error says itself whether it can pass (registry down) or not (schema
 * not registered). Anything else is a connection failure worth retrying, including the Kafka client's
 * own "retries exceeded", which it flags non-retriable because its inner retries are spent, not ours.
 */
function isRetriableAtStartup(error: unknown): boolean {
  if (error instanceof EventClientError) return error.retriable;
  return true;
}

/** Every consumed topic needs a handler, and every handler a consumed topic (its schema is checked there). */
function checkHandlers(definition: ServiceDefinition, handled: readonly TopicName[]) {
  const problems = [
    ...definition.consumes
      .filter((topic) => !handled.includes(topic))
      .map((topic) => `consumes "${topic}" but has no handler for it`),
    ...handled
      .filter((topic) => !definition.consumes.includes(topic))
      .map((topic) => `has a handler for "${topic}" but does not list it in consumes`),
  ];
  if (problems.length > 0) {
    throw new StartupError(
      'DEFINITION_INVALID',
      definition.name,
      `${problems.join('; ')}; fix: make consumes and handlers name the same topics`,
    );
  }
}

/**
 * A pool of 8 connections unless the URL asks for another size (`?maxPoolSize=N`). A pool is safe on
 * FerretDB too, although it applies an update as a read and a separate write: each document has one
 * writer in the process (single-writer.ts), so no two updates of one document ever run at once.
 */
export const defaultStorePoolSize = 8;

export function storeConnectionOptions(url: string): { maxPoolSize?: number } {
  return /[?&]maxPoolSize=/i.test(url) ? {} : { maxPoolSize: defaultStorePoolSize };
}

async function connectStore(url: string, dbName: string, timeoutMs: number): Promise<mongoose.Connection> {
  const db = mongoose.createConnection(url, {
    dbName,
    serverSelectionTimeoutMS: timeoutMs,
    ...storeConnectionOptions(url),
  });
  try {
    return await db.asPromise();
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

function listen(listener: RequestListener, port: number, host: string | undefined): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const server = createServer(listener);
    server.once('error', reject);
    server.listen({ port, ...(host === undefined ? {} : { host }) }, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** Stops accepting, lets open requests finish for a grace period, then cuts what is left. */
function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cut = setTimeout(() => {
      server.closeAllConnections();
    }, HTTP_GRACE_MS);
    server.close((error) => {
      clearTimeout(cut);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}

function urlHost(host: string | undefined): string {
  if (host === undefined || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function portVariable(service: string): string {
  return `${service.replace(/-service$/, '').toUpperCase()}_SERVICE_PORT`;
}

/** A connection string without its password, for logs and messages. */
function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}

/** The relay's ownership rule: a document of a keyed collection is written only while its key is owned. */
function ownedBy(
  keyOfDocument: NonNullable<ServiceDefinition['keyOfDocument']>,
  ownership: KeyOwnership,
): (model: AnyModel, doc: Readonly<Record<string, unknown>>) => boolean {
  return (model, doc) => {
    const key = keyOfDocument(model.collection.collectionName, doc);
    return key === undefined || ownership.owns(key);
  };
}
