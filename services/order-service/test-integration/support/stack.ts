import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { loadConfig } from '@saga/config';
import type { TopicMessageMap, TopicName } from '@saga/contracts';
import { createEventClient, type MessageContext, type PublishOptions } from '@saga/events';
import { createLogger } from '@saga/logging';
import { runService, type RetryPolicy, type RunningService } from '@saga/service-kit';
import { orderModel, type OrderModel } from '../../src/model/order-model.ts';
import { orderService } from '../../src/service.ts';
import { memoryLogger } from '../../test/support/memory-logger.ts';
import { withTestTokens } from './tokens.ts';

export const config = loadConfig();
export const quietLogger = createLogger('order-service-test', 'warn');

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
  /** The service's own model, to look at what it stored. */
  readonly orders: OrderModel;
  /** Everything the service logged at info and above, as parsed JSON lines. */
  readonly logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/**
 * The real order service, as its main would run it (same body limit), but on a free port, a database and
 * a consumer group of its own (so it reads no other run's commands), with the test tokens
 * (support/tokens.ts), and without signal handlers.
 */
export async function startOrderService(
  options: { readonly retryPolicy?: RetryPolicy } = {},
): Promise<TestOrderService> {
  const suffix = randomUUID().replaceAll('-', '').slice(0, 12);
  const { logger, lines } = memoryLogger('info');
  const dbName = `order_service_test_${suffix}`;
  const running = await runService(orderService, {
    env: withTestTokens(),
    port: 0,
    dbName,
    groupId: `order-service-test-${suffix}`,
    handleSignals: false,
    logger,
    relayIntervalMs: 200,
    ...(options.retryPolicy ? { retryPolicy: options.retryPolicy } : {}),
  });
  return {
    running,
    url: running.url,
    orders: orderModel(running.context.db),
    logs: lines,
    // The database goes after the service has stopped: dropped while the relay or the consumer still ran,
    // their next write would create it again.
    stop: async () => {
      await running.stop();
      const admin = await mongoose.createConnection(config.mongo.url, { dbName }).asPromise();
      try {
        await admin.dropDatabase();
      } finally {
        await admin.close();
      }
    },
  };
}

export interface Received<T extends TopicName = TopicName> {
  readonly value: TopicMessageMap[T];
  readonly context: MessageContext;
}

/**
 * A consumer of `topic` in a group of its own, from the beginning; tests pick out their messages by key
 * (their own order ids), since the topic also holds other runs' messages.
 */
export async function startListener<T extends TopicName>(topic: T) {
  const client = createEventClient({ config, service: 'test-order-listener', logger: quietLogger });
  const received: Received<T>[] = [];
  client.subscribe(topic, (value, context) => {
    received.push({ value, context });
    return Promise.resolve();
  });
  await client.start(`order-service-test-listener-${randomUUID()}`);
  return {
    forKey: (key: string) => received.filter((r) => r.context.key === key),
    stop: () => client.disconnect(),
  };
}

/** Plays the orchestrator: publishes the commands the order service consumes. */
export async function startSaga() {
  const client = createEventClient({ config, service: 'test-order-saga', logger: quietLogger });
  await client.connect({ publishes: ['order.confirm', 'order.cancel'] });
  return {
    confirm: (value: TopicMessageMap['order.confirm'], options: PublishOptions = {}) =>
      client.publish('order.confirm', value.orderId, value, options),
    cancel: (value: TopicMessageMap['order.cancel'], options: PublishOptions = {}) =>
      client.publish('order.cancel', value.orderId, value, options),
    stop: () => client.disconnect(),
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

/**
 * Polls `condition` until it holds; fails with `what` after `timeoutMs`. The default is generous: the
 * broker and the store are shared with other suites running at the same time, and deliveries there
 * have been seen to pause for tens of seconds under their load.
 */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
