import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { topicSamples } from '@saga/contracts/testing';
import {
  bearer,
  createTestNamespace,
  prometheusSample as sampleOf,
  testTokens,
  waitFor,
  type TestNamespace,
} from '@saga/testing';
import {
  aggregateFields,
  decision,
  defineService,
  runService,
  type AggregateFields,
  type RunningService,
  type ServiceDefinition,
} from '../src/index.ts';

type Thing = { _id: string; confirmations: number } & AggregateFields;
const thingModel = (db: mongoose.Connection) =>
  db.model(
    'Thing',
    new mongoose.Schema<Thing>({ _id: String, confirmations: { type: Number, default: 0 } }).plugin(
      aggregateFields,
    ),
  );

/** A consumer whose every write goes through the aggregate runtime, as the platform's services do. */
function confirmingService(): ServiceDefinition {
  let Thing: ReturnType<typeof thingModel> | undefined;
  return defineService({
    name: 'order-service',
    port: (c) => c.services.order.port,
    publishes: [],
    consumes: ['order.confirm'],
    models: (db) => [(Thing = thingModel(db))],
    handlers: (ctx) => ({
      'order.confirm': async (value, context) => {
        if (!Thing) throw new Error('models() has not run');
        await ctx.aggregates.apply<Thing, null>(Thing, value.orderId, {
          message: { id: context.id },
          decide: (state) =>
            state
              ? decision.update({ $inc: { confirmations: 1 } }, null)
              : decision.insert({ confirmations: 1 }, null),
        });
      },
    }),
  });
}

describe('GET /metrics of a running service (Kafka + registry + FerretDB)', function () {
  this.timeout(90_000);
  let ns: TestNamespace;
  let running: RunningService;
  const scrape = async () => {
    const response = await fetch(`${running.url}/metrics`, { headers: bearer(testTokens.ops) });
    expect(response.status).to.equal(200);
    return response.text();
  };

  before(async () => {
    ns = await createTestNamespace('service-kit-metrics');
    const options = ns.serviceOptions('metrics');
    running = await runService(confirmingService(), {
      ...options,
      env: { ...options.env, LOG_LEVEL: 'warn' },
    });
    ns.cleanup(() => running.stop());
  });
  after(() => ns.close());

  it('refuses a scrape without a token (401), and answers an ops token with the text format', async () => {
    const refused = await fetch(`${running.url}/metrics`);
    expect(refused.status).to.equal(401);
    const response = await fetch(`${running.url}/metrics`, { headers: bearer(testTokens.ops) });
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.contain('text/plain');
    const text = await response.text();
    expect(text).to.contain('process_cpu_user_seconds_total');
    expect(text).to.contain('# TYPE messages_handled_total counter');
  });

  it('counts a consumed message applied, its redelivery duplicate, and a poison message dead-lettered', async () => {
    const before = await scrape();
    const count = (text: string, outcome: string) =>
      sampleOf(text, 'messages_handled_total', { topic: 'order.confirm', outcome });
    const orderId = randomUUID();
    const publisher = await ns.publisher(['order.confirm']);
    const confirm = { ...topicSamples['order.confirm'], orderId };
    const id = randomUUID();
    await publisher.publish('order.confirm', orderId, confirm, { id });
    await publisher.publish('order.confirm', orderId, confirm, { id }); // redelivered
    // Bytes no schema reads: dead-lettered at once (a permanent failure).
    const producer = await ns.kafka.producer();
    ns.cleanup(() => producer.disconnect());
    await producer.send(ns.physicalTopic('order.confirm'), [
      { key: orderId, value: Buffer.from('not avro') },
    ]);

    let after = before;
    await waitFor('the three messages to be counted', async () => {
      after = await scrape();
      return count(after, 'dead_lettered') - count(before, 'dead_lettered') === 1;
    });
    expect(count(after, 'applied') - count(before, 'applied')).to.equal(1);
    expect(count(after, 'duplicate') - count(before, 'duplicate')).to.equal(1);
    expect(sampleOf(after, 'dead_letters_total', { topic: 'order.confirm' })).to.equal(1);
    expect(
      sampleOf(after, 'message_handle_duration_seconds_count', { topic: 'order.confirm' }) -
        sampleOf(before, 'message_handle_duration_seconds_count', { topic: 'order.confirm' }),
      'both handled messages timed (the poison one never reached a handler)',
    ).to.equal(2);
  });

  it('reports the consumer group’s lag per partition of what it consumes, 0 once all is handled', async () => {
    let text = '';
    await waitFor('the lag to be read and be 0', async () => {
      text = await scrape();
      return (
        text.includes('kafka_consumer_lag{') &&
        sampleOf(text, 'kafka_consumer_lag', { topic: 'order.confirm' }) === 0
      );
    });
    expect(text).to.match(/kafka_consumer_lag\{[^}]*partition="0"/);
    expect(text, 'topics by logical name').to.not.contain(ns.physicalTopic('order.confirm'));
  });

  it('measures its own HTTP requests by route template, and an empty outbox as 0 pending', async () => {
    await fetch(`${running.url}/healthz`);
    await fetch(`${running.url}/no/such/path/${randomUUID()}`);
    const text = await scrape();
    expect(
      sampleOf(text, 'http_request_duration_seconds_count', {
        route: '/healthz',
        method: 'GET',
        status: '200',
      }),
    ).to.be.greaterThan(0);
    expect(
      sampleOf(text, 'http_request_duration_seconds_count', { route: 'unmatched', status: '404' }),
    ).to.be.greaterThan(0);
    expect(text).to.not.match(/route="\/no\/such/);
    expect(sampleOf(text, 'outbox_pending')).to.equal(0);
  });

  it('answers anyone, without a token, when METRICS_PUBLIC=true', async () => {
    const options = ns.serviceOptions('metrics-public');
    const open = await runService(
      defineService({
        name: 'inventory-service',
        port: (c) => c.services.inventory.port,
        publishes: [],
        consumes: [],
        models: () => [],
      }),
      { ...options, env: { ...options.env, LOG_LEVEL: 'warn', METRICS_PUBLIC: 'true' } },
    );
    try {
      const response = await fetch(`${open.url}/metrics`);
      expect(response.status).to.equal(200);
      expect(await response.text()).to.contain('saga_started_total');
    } finally {
      await open.stop();
    }
  });
});
