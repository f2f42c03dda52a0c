import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { z } from 'zod';
import { topicSamples } from '@saga/contracts/testing';
import { SchemaNotRegisteredError } from '@saga/events';
import { createLogger } from '@saga/logging';
import {
  bearer,
  createTestNamespace,
  testTokens,
  waitFor,
  type TestListener,
  type TestNamespace,
} from '@saga/testing';
import {
  aggregateFields,
  combineUpdates,
  defineService,
  jsonBodyParser,
  markProcessed,
  notYetProcessed,
  outboxEntry,
  parseBody,
  runService,
  StartupError,
  type AggregateFields,
  type RetryPolicy,
  type RunningService,
  type ServiceDefinition,
} from '../src/index.ts';

/** For the services that fail to start on purpose: what the tests check is the error, not the log. */
const silent = createLogger('service-kit-test', 'silent');
const shortRetry: RetryPolicy = {
  initialDelayMs: 100,
  maxDelayMs: 400,
  multiplier: 2,
  jitter: 0,
  giveUpAfterMs: 1500,
};

/** A port nothing listens on: bound once by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const thingModel = (db: mongoose.Connection) =>
  db.model(
    'Thing',
    new mongoose.Schema<{ _id: string; status: string; confirmations: number } & AggregateFields>({
      _id: String,
      status: String,
      confirmations: { type: Number, default: 0 },
    }).plugin(aggregateFields),
  );

/** Just enough of the order service to exercise every part of the runtime. */
function orderLikeService(onStarted: () => void): ServiceDefinition {
  let Thing: ReturnType<typeof thingModel> | undefined;
  const things = () => {
    if (!Thing) throw new Error('models() has not run');
    return Thing;
  };
  return defineService({
    name: 'order-service',
    port: (c) => c.services.order.port,
    publishes: ['order.created'],
    consumes: ['order.confirm'],
    models: (db) => [(Thing = thingModel(db))],
    handlers: (ctx) => ({
      'order.confirm': async (value, context) => {
        await ctx.writer.run(things(), value.orderId, () =>
          things().updateOne(
            { _id: value.orderId, ...notYetProcessed(context.id) },
            combineUpdates(
              { $set: { status: 'confirmed' }, $inc: { confirmations: 1 } },
              markProcessed(context.id),
            ),
          ),
        );
      },
    }),
    routes: (router, ctx) => {
      router.post('/things', jsonBodyParser(), async (koa) => {
        const { orderId } = parseBody(z.object({ orderId: z.uuid() }), koa.request.body);
        const entry = outboxEntry('order.created', orderId, { ...topicSamples['order.created'], orderId });
        await ctx.writer.run(things(), orderId, () =>
          things().create({ _id: orderId, status: 'placed', outbox: [entry] }),
        );
        ctx.relay.nudge();
        koa.status = 201;
        koa.body = { orderId, messageId: entry.id };
      });
    },
    onStart: () => {
      onStarted();
      return Promise.resolve();
    },
  });
}

/**
 * Every service here runs in the suite's test namespace: its topics, groups and databases are the
 * suite's own (also those a failed start left behind), and close takes them away.
 */
describe('runService (Kafka + registry + FerretDB)', function () {
  this.timeout(90_000);
  let ns: TestNamespace;

  before(async () => {
    ns = await createTestNamespace('service-kit-run-service');
  });
  after(() => ns.close());

  describe('a service that starts', () => {
    let running: RunningService;
    let started = false;
    let listener: TestListener<'order.created'>;

    before(async () => {
      listener = await ns.listen(['order.created']);
      const inNamespace = ns.serviceOptions('order-like');
      running = await runService(
        orderLikeService(() => {
          started = true;
        }),
        { ...inNamespace, env: { ...inNamespace.env, LOG_LEVEL: 'warn' } },
      );
      ns.cleanup(() => running.stop());
    });

    it('ran the start hook before answering', () => {
      expect(started).to.equal(true);
      expect(running.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    });

    it('answers /healthz with 200', async () => {
      const response = await fetch(`${running.url}/healthz`);
      expect(response.status).to.equal(200);
      expect(await response.json()).to.deep.equal({ status: 'ok' });
    });

    it('answers /readyz with 200 and every dependency ok', async () => {
      const response = await fetch(`${running.url}/readyz`, { headers: bearer(testTokens.ops) });
      const body = (await response.json()) as { status: string; checks: Record<string, { ok: boolean }> };
      expect(response.status, JSON.stringify(body)).to.equal(200);
      expect(body.status).to.equal('ready');
      expect(Object.keys(body.checks).sort()).to.deep.equal(['kafka', 'registry', 'schemas', 'store']);
      for (const check of Object.values(body.checks)) expect(check.ok).to.equal(true);
    });

    it('publishes what a route wrote to its outbox, with the entry’s id', async () => {
      const orderId = randomUUID();
      const response = await fetch(`${running.url}/things`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ orderId }),
      });
      expect(response.status).to.equal(201);
      const { messageId } = (await response.json()) as { messageId: string };
      const [published] = await listener.waitFor(orderId, 'order.created');
      expect(published?.context.id).to.equal(messageId);
    });

    it('maps a route’s validation failure to 400 with the field errors', async () => {
      const response = await fetch(`${running.url}/things`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ orderId: 'not-a-uuid' }),
      });
      expect(response.status).to.equal(400);
      const body = (await response.json()) as { error: { code: string; details: { path: string }[] } };
      expect(body.error.code).to.equal('VALIDATION_FAILED');
      expect(body.error.details.map((d) => d.path)).to.deep.equal(['orderId']);
    });

    it('hands consumed messages to their handler, which applies each message id once', async () => {
      const orderId = randomUUID();
      const Thing = running.context.db.model('Thing');
      await running.context.writer.run(Thing, orderId, () =>
        Thing.create({ _id: orderId, status: 'placed' }),
      );
      const producer = await ns.publisher(['order.confirm']);
      const confirm = { ...topicSamples['order.confirm'], orderId };
      const [first, second] = [randomUUID(), randomUUID()];
      await producer.publish('order.confirm', orderId, confirm, { id: first });
      await producer.publish('order.confirm', orderId, confirm, { id: first }); // redelivered
      await producer.publish('order.confirm', orderId, confirm, { id: second });
      const stored = () =>
        running.context.db
          .model('Thing')
          .findById(orderId)
          .lean<{ status: string; confirmations: number; processedMessageIds: string[] }>();
      // One key, one partition: once the last message is applied, the duplicate before it was handled too.
      await waitFor(
        'both message ids to be applied',
        async () => (await stored())?.processedMessageIds.length === 2,
      );
      expect(await stored()).to.deep.include({
        status: 'confirmed',
        confirmations: 2,
        processedMessageIds: [first, second],
      });
    });
  });

  it('runs the stop hook on stop, while the store is still open, after HTTP has closed', async () => {
    const seen: { storeState?: number; httpAnswered?: boolean } = {};
    let url = '';
    const running = await runService(
      defineService({
        name: 'inventory-service',
        port: (c) => c.services.inventory.port,
        publishes: [],
        consumes: [],
        models: () => [],
        onStop: async (ctx) => {
          seen.storeState = ctx.db.readyState;
          seen.httpAnswered = await fetch(`${url}/healthz`).then(
            () => true,
            () => false,
          );
        },
      }),
      { ...ns.serviceOptions('stop-hook'), logger: silent },
    );
    url = running.url;
    await running.stop();
    expect(seen).to.deep.equal({ storeState: mongoose.ConnectionStates.connected, httpAnswered: false });
  });

  /** A service with nothing to verify at start, so it starts and only readiness sees the registry. */
  const startWithRegistry = (registry: string, label: string) =>
    runService(
      defineService({
        name: 'inventory-service',
        port: (c) => c.services.inventory.port,
        publishes: [],
        consumes: [],
        models: () => [],
      }),
      { ...ns.serviceOptions(label), env: { ...ns.env, SCHEMA_REGISTRY_URL: registry }, logger: silent },
    );

  it('reports 503 on /readyz, with the reason, when the registry is unreachable', async () => {
    const registry = `http://127.0.0.1:${await closedPort()}`;
    const running = await startWithRegistry(registry, 'registry-away');
    try {
      const ready = await fetch(`${running.url}/readyz`, { headers: bearer(testTokens.ops) });
      const body = (await ready.json()) as {
        status: string;
        checks: Record<string, { ok: boolean; detail: string }>;
      };
      expect(ready.status).to.equal(503);
      expect(body.status).to.equal('not ready');
      expect(body.checks.registry?.ok).to.equal(false);
      expect(body.checks.registry?.detail)
        .to.contain(`registry at ${registry} is unreachable`)
        .and.contain('ECONNREFUSED');
      expect(body.checks.kafka?.ok).to.equal(true);
      expect(body.checks.store?.ok).to.equal(true);
      expect((await fetch(`${running.url}/healthz`)).status).to.equal(200);
    } finally {
      await running.stop();
    }
  });

  it('never shows the password of a registry URL on /readyz, even in an error it quotes', async () => {
    const registry = `http://probe:s3cret-pass@127.0.0.1:${await closedPort()}`;
    const running = await startWithRegistry(registry, 'registry-credentials');
    try {
      const ready = await fetch(`${running.url}/readyz`, { headers: bearer(testTokens.ops) });
      const text = await ready.text();
      expect(ready.status).to.equal(503);
      expect(text).to.contain('probe:***@').and.not.contain('s3cret-pass');
    } finally {
      await running.stop();
    }
  });

  it('gives up within the retry budget when the registry stays unreachable, saying what to fix', async () => {
    const registry = `http://127.0.0.1:${await closedPort()}`;
    const started = Date.now();
    const error = await runService(
      orderLikeService(() => undefined),
      {
        ...ns.serviceOptions('registry-gone'),
        env: { ...ns.env, SCHEMA_REGISTRY_URL: registry },
        retryPolicy: shortRetry,
        logger: silent,
      },
    ).catch((e: unknown) => e);
    expect(Date.now() - started).to.be.below(15_000);
    expect(error).to.be.instanceOf(StartupError);
    const startup = error as StartupError;
    expect(startup.code).to.equal('STARTUP_TIMEOUT');
    expect(startup.message)
      .to.match(/^order-service: could not check schemas at http:\/\/127\.0\.0\.1:\d+ and connect to Kafka/)
      .and.contain('attempts; last error: schema registry at')
      .and.contain('fix: start the stack with `npm start`, or set SCHEMA_REGISTRY_URL');
    expect(startup.message).to.not.contain('\n');
  });

  it('stops at once, without retrying, when a schema is not registered', async () => {
    // A registry that knows no subject at all.
    const empty: Server = createServer((_request, response) => {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error_code: 40401, message: 'Subject not found' }));
    });
    await new Promise<void>((resolve) => empty.listen(0, '127.0.0.1', resolve));
    const started = Date.now();
    try {
      const error = await runService(
        orderLikeService(() => undefined),
        {
          ...ns.serviceOptions('schema-missing'),
          env: {
            ...ns.env,
            SCHEMA_REGISTRY_URL: `http://127.0.0.1:${(empty.address() as AddressInfo).port}`,
          },
          retryPolicy: { ...shortRetry, initialDelayMs: 10_000, maxDelayMs: 10_000, giveUpAfterMs: 60_000 },
          logger: silent,
        },
      ).catch((e: unknown) => e);
      expect(Date.now() - started).to.be.below(8_000);
      expect(error).to.be.instanceOf(SchemaNotRegisteredError);
      expect((error as Error).message)
        .to.contain('order.created-value')
        .and.contain('npm run schemas:register');
    } finally {
      empty.closeAllConnections();
      await new Promise((resolve) => empty.close(resolve));
    }
  });

  it('refuses a definition whose consumed topics and handlers differ', async () => {
    const error = await runService(
      defineService({
        name: 'payment-service',
        port: (c) => c.services.payment.port,
        publishes: [],
        consumes: ['payment.request'],
        models: () => [],
      }),
      { ...ns.serviceOptions('definition-invalid'), logger: silent },
    ).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(StartupError);
    expect((error as StartupError).code).to.equal('DEFINITION_INVALID');
    expect((error as Error).message).to.equal(
      'payment-service: consumes "payment.request" but has no handler for it; fix: make consumes and handlers name the same topics',
    );
  });

  it('names the port variable when the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const error = await runService(
        defineService({
          name: 'orchestrator-service',
          port: (c) => c.services.orchestrator.port,
          publishes: [],
          consumes: [],
          models: () => [],
        }),
        {
          env: { ...ns.env, ORCHESTRATOR_SERVICE_PORT: String(port) },
          dbName: ns.dbName('port-taken'),
          handleSignals: false,
          logger: silent,
        },
      ).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(StartupError);
      expect((error as Error).message).to.equal(
        `orchestrator-service: port ${port} is already in use; fix: stop what listens there, or set ORCHESTRATOR_SERVICE_PORT`,
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('exits 1 with the one-line reason when a service process cannot start', async () => {
    const script = fileURLToPath(new URL('./fixtures/signal-service.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: {
        ...ns.env,
        LOG_LEVEL: 'fatal',
        TEST_DB_NAME: ns.dbName('process-invalid'),
        FIXTURE_INVALID: '1',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).to.equal(1);
    expect(stderr).to.equal(
      'payment-service: consumes "payment.request" but has no handler for it; fix: make consumes and handlers name the same topics\n',
    );
  });

  it('stops everything and exits 0 on SIGTERM', async () => {
    const script = fileURLToPath(new URL('./fixtures/signal-service.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...ns.env, LOG_LEVEL: 'info', TEST_DB_NAME: ns.dbName('process-signalled') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await waitFor('the service to start', () => output.includes('READY '));
      const url = /READY (\S+)/.exec(output)?.[1] ?? '';
      expect((await fetch(`${url}/healthz`)).status).to.equal(200);
      child.kill('SIGTERM');
      expect(await exited, output).to.equal(0);
      expect(output).to.contain('"msg":"stopping"').and.contain('"msg":"stopped"');
      const error = await fetch(`${url}/healthz`).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(TypeError);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
