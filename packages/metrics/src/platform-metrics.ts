import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { cachedReading } from './cached-reading.ts';
import { metricNames } from './metric-names.ts';

/** What became of one consumed message (each delivery attempt that ends counts once). */
export type MessageOutcome = 'applied' | 'duplicate' | 'dead_lettered' | 'failed';

/** Saga lifecycle, as the saga runtime reports it (its SagaObserver). */
export interface SagaMetrics {
  started(): void;
  /** `outcome`: COMPLETED, or the reason the saga was cancelled (its failureReason). */
  finished(outcome: string, seconds: number): void;
  /** A step's command first sent → its reply applied. */
  stepSettled(step: string, seconds: number): void;
  /** A deadline passed and the step's command (or compensation) was sent again. */
  deadlineResent(step: string): void;
}

export interface MessageMetrics {
  /** One attempt at handling a message of `topic` (logical name) took `seconds`, however it ended. */
  attempted(topic: string, seconds: number): void;
  handled(topic: string, outcome: MessageOutcome): void;
  /** The message was given up and its dead letter is on the broker: `dead_lettered` and dead_letters_total. */
  deadLettered(topic: string): void;
}

export interface HttpMetrics {
  /** `route`: the matched route's template (`/orders/:id`), never the raw path. */
  request(route: string, method: string, status: number, seconds: number): void;
}

/** Sagas per status now (running ones and finished ones), read from the store at scrape time. */
export type SagaStatusReading = () => Promise<Readonly<Record<string, number>>>;
/** The outbox entries this process knows to be waiting, and when the oldest was written; from memory. */
export type OutboxReading = () => { readonly entries: number; readonly oldestCreatedAt: Date | null };
/** Each consumed partition's lag behind its end, for this service's consumer group. */
export type ConsumerLagReading = () => Promise<
  readonly { readonly topic: string; readonly partition: number; readonly lag: number }[]
>;

export interface PlatformMetricsOptions {
  /** Labels every metric of this registry carries, e.g. `{ service: 'order-service' }`. */
  readonly defaultLabels?: Readonly<Record<string, string>>;
  /** Cache of scrape-time store and broker readings (default 5 s). */
  readonly readingTtlMs?: number;
  /** A scrape-time reading failed (its last good value is reported meanwhile). */
  readonly onReadingError?: (metric: string, error: unknown) => void;
}

/**
 * One running service's metrics: its own registry (never prom-client's global one, so that several
 * services in one process, as tests run them, keep theirs apart), prom-client's default process
 * metrics, and every platform metric. Recording is an in-memory increment or observation; what costs
 * a query (sagas per status, consumer lag) is read at scrape time through a short cache.
 */
export interface PlatformMetrics {
  readonly registry: Registry;
  readonly contentType: string;
  /** The Prometheus text exposition of every metric. */
  text(): Promise<string>;
  readonly sagas: SagaMetrics;
  readonly messages: MessageMetrics;
  readonly http: HttpMetrics;
  /** Given by the service that runs sagas; without it, sagas_in_status has no series. */
  readSagaStatuses(reading: SagaStatusReading): void;
  readOutbox(reading: OutboxReading): void;
  readConsumerLag(reading: ConsumerLagReading): void;
}

/** Seconds, from a millisecond to ten minutes: sagas wait on deadlines and retries. */
const sagaBuckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
/** Seconds, from half a millisecond to ten: a handler is a store write or two. */
const fastBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const httpMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function createPlatformMetrics(options: PlatformMetricsOptions = {}): PlatformMetrics {
  const registry = new Registry();
  if (options.defaultLabels) registry.setDefaultLabels({ ...options.defaultLabels });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const ttlMs = options.readingTtlMs ?? 5_000;

  const sagaStarted = new Counter({
    name: metricNames.sagaStarted,
    help: 'Sagas started.',
    registers,
  });
  const sagaFinished = new Counter({
    name: metricNames.sagaFinished,
    help: 'Sagas that ended, by outcome: COMPLETED or the cancel reason.',
    labelNames: ['outcome'],
    registers,
  });
  const sagaDuration = new Histogram({
    name: metricNames.sagaDuration,
    help: 'Seconds from a saga start to its end.',
    buckets: sagaBuckets,
    registers,
  });
  const sagaStepDuration = new Histogram({
    name: metricNames.sagaStepDuration,
    help: "Seconds from a step's command first sent to its reply applied.",
    labelNames: ['step'],
    buckets: sagaBuckets,
    registers,
  });
  const sagaDeadlineResends = new Counter({
    name: metricNames.sagaDeadlineResends,
    help: "Commands sent again because a step's deadline passed.",
    labelNames: ['step'],
    registers,
  });
  const messagesHandled = new Counter({
    name: metricNames.messagesHandled,
    help: 'Consumed messages by outcome: applied, duplicate (already applied), dead_lettered, failed (will be retried).',
    labelNames: ['topic', 'outcome'],
    registers,
  });
  const messageHandleDuration = new Histogram({
    name: metricNames.messageHandleDuration,
    help: 'Seconds one attempt at handling a consumed message took.',
    labelNames: ['topic'],
    buckets: fastBuckets,
    registers,
  });
  const deadLetters = new Counter({
    name: metricNames.deadLetters,
    help: 'Messages given up and published to their dead-letter topic.',
    labelNames: ['topic'],
    registers,
  });
  const httpRequestDuration = new Histogram({
    name: metricNames.httpRequestDuration,
    help: 'Seconds to answer an HTTP request, by route template, method and status.',
    labelNames: ['route', 'method', 'status'],
    buckets: fastBuckets,
    registers,
  });

  let sagaStatuses: SagaStatusReading | undefined;
  let outbox: OutboxReading | undefined;
  let consumerLag: ConsumerLagReading | undefined;
  const onError = (metric: string) => (error: unknown) => options.onReadingError?.(metric, error);

  new Gauge({
    name: metricNames.sagasInStatus,
    help: 'Sagas per status now (read from the store at scrape time, cached).',
    labelNames: ['status'],
    registers,
    async collect() {
      if (!sagaStatuses) return;
      const counts = await sagaStatuses();
      this.reset();
      for (const [status, count] of Object.entries(counts)) this.set({ status }, count);
    },
  });
  new Gauge({
    name: metricNames.kafkaConsumerLag,
    help: "Messages between the consumer group's committed offset and the partition's end.",
    labelNames: ['topic', 'partition'],
    registers,
    async collect() {
      if (!consumerLag) return;
      const lags = await consumerLag();
      this.reset();
      for (const { topic, partition, lag } of lags) this.set({ topic, partition: String(partition) }, lag);
    },
  });
  new Gauge({
    name: metricNames.outboxPending,
    help: 'Outbox entries written and not yet published, as this process knows them.',
    registers,
    collect() {
      this.set(outbox?.().entries ?? 0);
    },
  });
  new Gauge({
    name: metricNames.outboxOldestAge,
    help: 'Age in seconds of the oldest outbox entry not yet published (0 when none waits).',
    registers,
    collect() {
      const oldest = outbox?.().oldestCreatedAt ?? null;
      this.set(oldest === null ? 0 : Math.max(0, (Date.now() - oldest.getTime()) / 1000));
    },
  });

  return {
    registry,
    contentType: registry.contentType,
    text: () => registry.metrics(),
    sagas: {
      started: () => {
        sagaStarted.inc();
      },
      finished: (outcome, seconds) => {
        sagaFinished.inc({ outcome });
        sagaDuration.observe(seconds);
      },
      stepSettled: (step, seconds) => {
        sagaStepDuration.observe({ step }, seconds);
      },
      deadlineResent: (step) => {
        sagaDeadlineResends.inc({ step });
      },
    },
    messages: {
      attempted: (topic, seconds) => {
        messageHandleDuration.observe({ topic }, seconds);
      },
      handled: (topic, outcome) => {
        messagesHandled.inc({ topic, outcome });
      },
      deadLettered: (topic) => {
        messagesHandled.inc({ topic, outcome: 'dead_lettered' });
        deadLetters.inc({ topic });
      },
    },
    http: {
      request: (route, method, status, seconds) => {
        // Methods are the client's to invent: anything unusual shares one label value.
        const label = httpMethods.has(method) ? method : 'OTHER';
        httpRequestDuration.observe({ route, method: label, status: String(status) }, seconds);
      },
    },
    readSagaStatuses(reading) {
      sagaStatuses = cachedReading({
        read: reading,
        ttlMs,
        initial: {},
        onError: onError(metricNames.sagasInStatus),
      });
    },
    readOutbox(reading) {
      outbox = reading;
    },
    readConsumerLag(reading) {
      consumerLag = cachedReading({
        read: reading,
        ttlMs,
        initial: [],
        onError: onError(metricNames.kafkaConsumerLag),
      });
    },
  };
}
