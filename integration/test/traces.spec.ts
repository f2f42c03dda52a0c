import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import {
  bearer,
  createTestNamespace,
  customerToken,
  freePort,
  testTokens,
  waitFor,
  type TestNamespace,
} from '@saga/testing';
import { OtlpReceiver, SpanKinds, type ReceivedSpan } from './support/otlp-receiver.ts';
import { ServiceProcess } from './support/service-process.ts';

const services = {
  'order-service': 'ORDER_SERVICE_PORT',
  'orchestrator-service': 'ORCHESTRATOR_SERVICE_PORT',
  'inventory-service': 'INVENTORY_SERVICE_PORT',
  'payment-service': 'PAYMENT_SERVICE_PORT',
} as const;
type ServiceName = keyof typeof services;
const serviceNames = Object.keys(services) as ServiceName[];

/**
 * One order placed through the four services, each a process of its own exporting its spans over
 * OTLP/HTTP JSON to a receiver in the test: the order is one trace, whose every span hangs from the
 * HTTP request that placed it, across the outbox and Kafka.
 */
describe('traces across the four services', function () {
  this.timeout(90_000);
  let namespace: TestNamespace;
  const receiver = new OtlpReceiver();
  const running = new Map<ServiceName, ServiceProcess>();

  before(async () => {
    namespace = await createTestNamespace('traces');
    const endpoint = await receiver.start();
    namespace.cleanup(() => receiver.stop());
    const databases = serviceNames.map((name) => namespace.dbName(name.replaceAll('-', '_')));
    // runService names its database MONGO_DB_PREFIX + the service's name: the namespace's, dropped by close.
    const dbPrefix = (databases[0] as string).slice(0, -'order_service'.length);
    const base = Object.fromEntries(
      Object.entries(namespace.env).filter(([name]) => !name.startsWith('OTEL_')),
    );
    for (const name of serviceNames) {
      const env = {
        ...base,
        MONGO_DB_PREFIX: dbPrefix,
        [services[name]]: String(await freePort()),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '200',
      };
      const service = new ServiceProcess(name, Number(env[services[name]]), env);
      running.set(name, service);
      namespace.cleanup(() => service.stop());
    }
    await Promise.all([...running.values()].map((service) => service.waitReady(60_000)));
  });

  after(async () => {
    await namespace.close();
  });

  const url = (name: ServiceName) => (running.get(name) as ServiceProcess).url;
  const send = async (target: string, init: { method?: string; body?: unknown; token: string }) => {
    const response = await fetch(target, {
      method: init.method ?? 'GET',
      headers: { ...bearer(init.token), 'content-type': 'application/json' },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : undefined) as Record<string, unknown>,
    };
  };

  it('makes one trace of an order, from its HTTP request through every service', async () => {
    const sku = `TRACE-${randomUUID().slice(0, 8)}`;
    const customerId = `tracer-${randomUUID().slice(0, 8)}`;
    const stock = await send(`${url('inventory-service')}/stock/${sku}`, {
      method: 'PUT',
      body: { available: 5, price: 1000, currency: 'EUR' },
      token: testTokens.admin,
    });
    expect(stock.status, JSON.stringify(stock.body)).to.be.oneOf([200, 201]);
    const account = await send(`${url('payment-service')}/accounts/${customerId}`, {
      method: 'PUT',
      body: { balance: 100_000, currency: 'EUR' },
      token: testTokens.admin,
    });
    expect(account.status, JSON.stringify(account.body)).to.be.oneOf([200, 201]);

    const placed = await send(`${url('order-service')}/orders`, {
      method: 'POST',
      body: { customerId, currency: 'EUR', items: [{ sku, quantity: 2 }] },
      token: await customerToken(customerId),
    });
    expect(placed.status, JSON.stringify(placed.body)).to.equal(202);
    const orderId = String(placed.body.orderId);
    await waitFor(
      'the order to be CONFIRMED',
      async () => {
        const order = await send(`${url('order-service')}/orders/${orderId}`, { token: testTokens.ops });
        return order.body.status === 'CONFIRMED';
      },
      45_000,
    );

    // The root: the SERVER span of the POST that placed the order (the test sent no traceparent).
    const rootOf = () =>
      receiver.spans.find(
        (span) =>
          span.kind === SpanKinds.server &&
          span.attributes['http.route'] === '/orders' &&
          span.attributes['http.request.method'] === 'POST' &&
          span.service === 'order-service',
      );
    // Spans arrive in batches, children often before their parents: wait until the trace is whole.
    let spans: ReceivedSpan[] = [];
    await waitFor(
      'the order’s trace to hold every service’s spans, each with its parent',
      () => {
        const root = rootOf();
        if (!root) return false;
        spans = receiver.trace(root.traceId);
        const ids = new Set(spans.map((span) => span.spanId));
        const services = new Set(spans.map((span) => span.service));
        return (
          serviceNames.every((name) => services.has(name)) &&
          spans.every((span) => span.parentSpanId === '' || ids.has(span.parentSpanId)) &&
          spans.some(
            (span) =>
              span.kind === SpanKinds.consumer &&
              span.attributes['messaging.destination.name'] === 'order.confirmed',
          )
        );
      },
      20_000,
    ).catch((error: unknown) => {
      throw new Error(`${(error as Error).message}\nspans of the trace:\n${listSpans(spans)}`);
    });

    const root = rootOf() as ReceivedSpan;
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    expect(new Set(spans.map((span) => span.service))).to.have.all.keys(...serviceNames);
    expect(spans.filter((span) => span.parentSpanId === '')).to.deep.equal([root]);
    expect(root.name).to.equal('POST /orders');
    expect(root.attributes['http.response.status_code']).to.equal(202);

    const consumers = spans.filter((span) => span.kind === SpanKinds.consumer);
    const producers = spans.filter((span) => span.kind === SpanKinds.producer);
    expect(consumers, listSpans(spans)).to.not.be.empty;
    for (const consumer of consumers) {
      const parent = byId.get(consumer.parentSpanId);
      expect(parent?.kind, `the parent of ${consumer.service}'s ${consumer.name}`).to.equal(
        SpanKinds.producer,
      );
      expect(parent?.service, `the producer of ${consumer.service}'s ${consumer.name}`).to.not.equal(
        consumer.service,
      );
      expect(consumer.attributes['messaging.message.id']).to.equal(
        parent?.attributes['messaging.message.id'],
      );
      expect(consumer.attributes).to.include({
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
      });
    }
    for (const producer of producers) {
      const cause = byId.get(producer.parentSpanId);
      // Every publish went out through an outbox written by a request or a handled message.
      expect(
        [SpanKinds.server, SpanKinds.consumer],
        `the cause of ${producer.service}'s ${producer.name}`,
      ).to.include(cause?.kind);
      expect(cause?.service).to.equal(producer.service);
    }
    const created = producers.find(
      (span) => span.attributes['messaging.destination.name'] === 'order.created',
    );
    expect(created?.parentSpanId, 'order.created is published as a child of the request').to.equal(
      root.spanId,
    );
    expect(created?.attributes['messaging.kafka.message.key']).to.equal(orderId);
    // Log correlation: the lines written for the order carry its trace id, in each process.
    const linesOf = (name: ServiceName) =>
      (running.get(name) as ServiceProcess).lastOutput
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    const requestLine = linesOf('order-service').find(
      (line) => line.msg === 'request' && line.path === '/orders',
    );
    expect(requestLine).to.include({ trace_id: root.traceId, span_id: root.spanId });
    const sagaStarted = linesOf('orchestrator-service').find((line) => line.msg === 'saga started');
    expect(sagaStarted?.trace_id).to.equal(root.traceId);
    expect(spans.map((span) => span.spanId)).to.include(sagaStarted?.span_id);
    const received = consumers.map((span) => span.attributes['messaging.destination.name']);
    expect(received).to.include.members([
      'order.created',
      'inventory.reserve',
      'inventory.reserved',
      'payment.request',
      'payment.success',
      'order.confirm',
      'order.confirmed',
    ]);
  });
});

function listSpans(spans: readonly ReceivedSpan[]): string {
  return spans
    .map(
      (span) =>
        `  ${span.service} ${span.name} kind=${span.kind} ${span.spanId} <- ${span.parentSpanId || 'root'}`,
    )
    .join('\n');
}
