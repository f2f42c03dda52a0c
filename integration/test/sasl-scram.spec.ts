import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { loadConfig, type Config } from '@saga/config';
import type { TopicName } from '@saga/contracts';
import {
  createKafkaCluster,
  kafkaClientOptions,
  kafkaErrorKind,
  startGroupAtEnd as startGroupAtTopicEnds,
  withAdmin,
  type KafkaCluster,
} from '@saga/events';
import { createLogger } from '@saga/logging';
import { inventoryService } from '@saga/inventory-service/src/service.ts';
import { orchestratorService } from '@saga/orchestrator-service/src/service.ts';
import { orderService } from '@saga/order-service/src/service.ts';
import { paymentService } from '@saga/payment-service/src/service.ts';
import { runService, type RunningService, type ServiceDefinition } from '@saga/service-kit';
import { localScramEnv, readLocalScramCredentials, stackPaths } from '@saga/stack';

/**
 * The platform over an authenticated Kafka: the local broker's SASL/SCRAM listener on :9094, which
 * accepts nothing without a SCRAM login. The four services run in this process with KAFKA_BROKERS and
 * KAFKA_SASL_* pointing there, set in their own environment object rather than process.env, so the
 * launcher that started the stack still treats the broker as its own. Each service gets a database and
 * consumer group of this run, starting at the topics' current end.
 */
describe('Kafka over SASL/SCRAM (local listener :9094)', function () {
  this.timeout(180_000);
  const base = loadConfig();
  const run = randomUUID().replaceAll('-', '').slice(0, 10);
  const opsToken = `sasl-it-ops-${randomUUID()}`;
  const adminToken = `sasl-it-admin-${randomUUID()}`;
  const quiet = createLogger('sasl-scram-test', 'silent');
  let env: NodeJS.ProcessEnv;
  let scram: Config;
  const cleanups: (() => Promise<unknown>)[] = [];

  before(async () => {
    if (base.external.kafka) {
      throw new Error(
        `this suite needs the local broker's SCRAM listener (:9094), but KAFKA_BROKERS=${base.kafka.brokers.join(',')} points at another Kafka; run it with the local stack (unset KAFKA_BROKERS)`,
      );
    }
    const credentials = await readLocalScramCredentials(stackPaths(base.stack.home));
    env = {
      ...process.env,
      ...localScramEnv(credentials),
      OPS_TOKENS: opsToken,
      ADMIN_TOKENS: adminToken,
      LOG_LEVEL: 'warn',
    };
    scram = loadConfig(env);
  });

  after(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  it('runs the four services through it and confirms an order', async () => {
    const services = await Promise.all(
      [orderService, orchestratorService, inventoryService(), paymentService].map((definition) =>
        start(definition),
      ),
    );
    const [order, , inventory, payment] = services.map((s) => s.url) as [string, string, string, string];

    for (const service of services) {
      const ready = await fetch(`${service.url}/readyz`);
      expect(ready.status, `${service.url}/readyz`).to.equal(200);
    }

    const sku = `SCRAM-${run}`;
    const customer = `scram-${run}`;
    expect(
      (
        await call(inventory, 'PUT', `/stock/${sku}`, adminToken, {
          available: 5,
          price: 1250,
          currency: 'EUR',
        })
      ).status,
    ).to.equal(200);
    expect(
      (await call(payment, 'PUT', `/accounts/${customer}`, adminToken, { balance: 10_000, currency: 'EUR' }))
        .status,
    ).to.equal(201);

    const placed = await call(order, 'POST', '/orders', adminToken, {
      customerId: customer,
      currency: 'EUR',
      items: [{ sku, quantity: 2 }],
    });
    expect(placed.status).to.equal(202);
    const { orderId } = placed.body as { orderId: string };

    const settled = await eventually(async () => {
      const view = (await call(order, 'GET', `/orders/${orderId}`, opsToken)).body as { status: string };
      return view.status === 'PENDING' ? undefined : view;
    });
    expect(settled).to.include({ status: 'CONFIRMED' });
    expect((await call(inventory, 'GET', `/stock/${sku}`, opsToken)).body).to.include({
      available: 3,
      reserved: 0,
    });
    expect((await call(payment, 'GET', `/accounts/${customer}`, opsToken)).body).to.include({
      balance: 7_500,
    });
  });

  it('logs in with SCRAM-SHA-512 as well', async () => {
    const credentials = await readLocalScramCredentials(stackPaths(base.stack.home));
    const config = loadConfig({ ...env, ...localScramEnv(credentials, 'scram-sha-512') });
    const cluster = createKafkaCluster({ clientId: 'sasl-it-512', connection: kafkaClientOptions(config) });
    const { brokers } = await withAdmin(cluster, (admin) => admin.describeCluster());
    expect(brokers).to.deep.equal([{ nodeId: 1, host: '127.0.0.1', port: 9094 }]);
  });

  it('refuses a wrong password with an error that names SASL authentication', async () => {
    const wrong = loadConfig({ ...env, KAFKA_SASL_PASSWORD: 'not-the-password' });
    const cluster = createKafkaCluster({
      clientId: 'sasl-it-wrong',
      connection: kafkaClientOptions(wrong),
      retries: 0,
    });
    const error = await cluster.admin().then(
      (admin) => admin.disconnect(),
      (e: unknown) => e,
    );
    expect(kafkaErrorKind(error)).to.equal('authentication-failed');
    expect((error as Error).message).to.match(/SASL SCRAM SHA256 authentication failed/);
  });

  it('stops a service that cannot log in, saying that SASL authentication failed', async () => {
    const error = await runService(orderService, {
      env: { ...env, KAFKA_SASL_PASSWORD: 'not-the-password' },
      port: 0,
      handleSignals: false,
      dbName: `order_scram_wrong_${run}`,
      logger: quiet,
      // Retrying cannot cure a wrong password; a short budget keeps the test quick until start-up knows that.
      retryPolicy: { initialDelayMs: 100, maxDelayMs: 500, multiplier: 2, jitter: 0, giveUpAfterMs: 5_000 },
    }).then(
      async (running) => {
        await running.stop();
        return undefined;
      },
      (e: unknown) => e,
    );
    cleanups.push(() => dropDatabase(`order_scram_wrong_${run}`));
    expect(error).to.be.instanceOf(Error);
    const message = (error as Error).message;
    expect(message, message).to.match(/SASL SCRAM SHA256 authentication failed/);
  });

  /** Starts a service on the SCRAM listener, in a database and consumer group of this run. */
  async function start(definition: ServiceDefinition): Promise<RunningService> {
    const suffix = `scram_${run}`;
    const dbName = `${definition.name.replaceAll('-', '_')}_${suffix}`;
    const groupId = `${definition.name}-${suffix}`;
    await startGroupAtEnd(groupId, definition.consumes);
    cleanups.push(
      () => deleteGroup(groupId),
      () => dropDatabase(dbName),
    );
    const running = await runService(definition, {
      env,
      port: 0,
      host: '127.0.0.1',
      handleSignals: false,
      dbName,
      groupId,
      logger: quiet,
      relayIntervalMs: 200,
    });
    cleanups.push(() => running.stop());
    return running;
  }

  function kafka(clientId: string): KafkaCluster {
    return createKafkaCluster({ clientId, connection: kafkaClientOptions(scram) });
  }

  /**
   * Commits a new group's offsets at the current end of its topics: they hold every earlier run's
   * messages, and the event client reads a new group from the beginning.
   */
  function startGroupAtEnd(groupId: string, topics: readonly TopicName[]): Promise<void> {
    return startGroupAtTopicEnds(kafka('sasl-it-positioner'), groupId, topics);
  }

  function deleteGroup(groupId: string): Promise<void> {
    return withAdmin(kafka('sasl-it-cleanup'), (admin) => admin.deleteGroups([groupId]));
  }

  async function dropDatabase(name: string): Promise<void> {
    const db = await mongoose
      .createConnection(base.mongo.url, { dbName: name, serverSelectionTimeoutMS: 5000 })
      .asPromise();
    await db.dropDatabase();
    await db.close();
  }
});

async function call(
  url: string,
  method: string,
  path: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Polls until `probe` yields a value; the saga settles asynchronously. Gives up after a minute. */
async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('the order did not settle within a minute');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
