import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createTestNamespace, type TestNamespace, waitFor } from '@saga/testing';
import type { OrderView } from '../src/http/order-view.ts';
import { postOrder, request } from './support/http.ts';
import {
  startListener,
  startOrderService,
  reportServiceErrorsOnFailure,
  type TestOrderService,
} from './support/stack.ts';

interface Accepted {
  orderId: string;
}

const anOrder = () => ({
  customerId: `customer-${randomUUID()}`,
  currency: 'USD',
  items: [
    { sku: 'SKU-A', quantity: 3 },
    { sku: 'SKU-B', quantity: 1 },
  ],
});

/** What the saga starts from: order.created on Kafka, through the order's outbox and service-kit's relay. */
describe('order.created', function () {
  this.timeout(120_000);
  let service: TestOrderService;
  let listener: Awaited<ReturnType<typeof startListener<'order.created'>>>;

  let ns: TestNamespace;
  before(async () => {
    ns = await createTestNamespace('order-order-created');
    listener = await startListener(ns, 'order.created');
    service = await startOrderService(ns);
  });
  afterEach(reportServiceErrorsOnFailure(() => service));
  after(() => ns.close());

  it('reaches Kafka keyed by the order id, with the order as its typed value, unpriced (the deprecated zeros)', async () => {
    const order = anOrder();
    const placed = await postOrder<Accepted>(service.url, order);
    const { orderId } = placed.body;
    await waitFor('order.created', () => listener.forKey(orderId).length > 0);

    const [message] = listener.forKey(orderId);
    const view = await request<OrderView>(`${service.url}/orders/${orderId}`);
    expect(message?.context.key).to.equal(orderId);
    expect(message?.value).to.deep.equal({
      orderId,
      customerId: order.customerId,
      currency: 'USD',
      items: [
        { sku: 'SKU-A', quantity: 3, unitPrice: { amountMinor: 0, currency: 'USD' } },
        { sku: 'SKU-B', quantity: 1, unitPrice: { amountMinor: 0, currency: 'USD' } },
      ],
      total: { amountMinor: 0, currency: 'USD' },
      note: null,
      createdAt: new Date(view.body.createdAt),
    });
    expect(message?.context).to.deep.include({
      type: 'io.saga.order.OrderCreated',
      source: '/services/order-service',
      subject: orderId,
    });
  });

  it('empties the order’s outbox once the message is out, and leaves the order as it was', async () => {
    const placed = await postOrder<Accepted>(service.url, anOrder());
    const { orderId } = placed.body;
    await waitFor('order.created', () => listener.forKey(orderId).length > 0);
    await waitFor(
      'the outbox to empty',
      async () => (await service.orders.findById(orderId).lean())?.outbox.length === 0,
    );
    expect((await service.orders.findById(orderId).lean())?.status).to.equal('PENDING');
  });

  it('announces an order once, however often its request was retried', async () => {
    const order = anOrder();
    const key = randomUUID();
    const first = await postOrder<Accepted>(service.url, order, { 'Idempotency-Key': key });
    await postOrder(service.url, order, { 'Idempotency-Key': key });
    const { orderId } = first.body;
    await waitFor('order.created', () => listener.forKey(orderId).length > 0);
    await waitFor(
      'the outbox to empty',
      async () => (await service.orders.findById(orderId).lean())?.outbox.length === 0,
    );
    await postOrder(service.url, order, { 'Idempotency-Key': key });
    // Several relay passes (every 200 ms) go by: a retry that wrote a second message would show here.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(listener.forKey(orderId)).to.have.length(1);
  });

  it('continues the HTTP caller’s trace', async () => {
    const traceId = randomUUID().replaceAll('-', '');
    const placed = await postOrder<Accepted>(service.url, anOrder(), {
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
    });
    await waitFor('order.created', () => listener.forKey(placed.body.orderId).length > 0);
    expect(listener.forKey(placed.body.orderId)[0]?.context.traceparent).to.match(
      new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`),
    );
  });
});
