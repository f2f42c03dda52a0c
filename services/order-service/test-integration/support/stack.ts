import type { TopicMessageMap, TopicName } from '@saga/contracts';
import type { PublishOptions } from '@saga/events';
import { runService, type RetryPolicy, type RunningService } from '@saga/service-kit';
import { memoryLogger, type TestNamespace } from '@saga/testing';
import { orderModel, type OrderModel } from '../../src/model/order-model.ts';
import { orderService } from '../../src/service.ts';
import { storedOrders, type StoredOrders } from './stored-orders.ts';

/** A short backoff, so a test that breaks the producer sees the relay recover in seconds. */
export const testRetryPolicy: RetryPolicy = {
  initialDelayMs: 100,
  maxDelayMs: 500,
  multiplier: 2,
  jitter: 0,
  giveUpAfterMs: 30_000,
};

export interface TestOrderService {
  readonly running: RunningService;
  readonly url: string;
  /** The service's own model. */
  readonly orders: OrderModel;
  /** What it stored, in the hot collection or the archive: to look at orders that may have settled. */
  readonly stored: StoredOrders;
  /** Everything the service logged at info and above, as parsed JSON lines. */
  readonly logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/**
 * The real order service, as its main would run it (same body limit), but inside the suite's test
 * namespace (its topics, a database and a consumer group of its own, the test tokens), on a free port,
 * without signal handlers. The namespace stops it on close and drops its database.
 */
export async function startOrderService(
  ns: TestNamespace,
  options: {
    readonly retryPolicy?: RetryPolicy;
    /** Variables besides the namespace's (the PENDING-order sweep's timing, say). */
    readonly env?: NodeJS.ProcessEnv;
  } = {},
): Promise<TestOrderService> {
  const { logger, lines } = memoryLogger('order-service', 'info');
  const serviceOptions = ns.serviceOptions('order-service');
  const running = await runService(orderService, {
    ...serviceOptions,
    env: { ...serviceOptions.env, ...options.env },
    logger,
    relayIntervalMs: 200,
    ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
  });
  ns.cleanup(() => running.stop());
  const orders = orderModel(running.context.db);
  return {
    running,
    url: running.url,
    orders,
    stored: storedOrders(orders),
    logs: lines,
    stop: () => running.stop(),
  };
}

/** A listener of `topic` in a group of its own (see TestListener). */
export function startListener<T extends TopicName>(ns: TestNamespace, topic: T) {
  return ns.listen([topic]);
}

/** Plays the orchestrator: publishes the commands the order service consumes. */
export async function startSaga(ns: TestNamespace) {
  const client = await ns.publisher(['order.confirm', 'order.cancel']);
  return {
    confirm: (value: TopicMessageMap['order.confirm'], options: PublishOptions = {}) =>
      client.publish('order.confirm', value.orderId, value, options),
    cancel: (value: TopicMessageMap['order.cancel'], options: PublishOptions = {}) =>
      client.publish('order.cancel', value.orderId, value, options),
    stop: () => client.stop(),
  };
}

/**
 * A mocha `afterEach` that prints the service's last warnings and errors when a test failed: a timed-out
 * wait says only that something did not happen, the service's log says why.
 */
export function reportServiceErrorsOnFailure(service: () => TestOrderService | undefined) {
  return function (this: Mocha.Context) {
    if (this.currentTest?.state !== 'failed') return;
    const problems =
      service()?.logs.filter((line) => typeof line.level === 'number' && line.level >= 40) ?? [];
    for (const line of problems.slice(-10)) console.error(JSON.stringify(line));
  };
}
