import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createTestNamespace, type TestNamespace, waitFor } from '@saga/testing';
import type { OrderView } from '../src/http/order-view.ts';
import { postOrder, request } from './support/http.ts';
import {
  startListener,
  startOrderService,
  testRetryPolicy,
  type TestOrderService,
  reportServiceErrorsOnFailure,
} from './support/stack.ts';

/**
 * The order API does not need Kafka to take an order: the order and its message are one insert, and
 * the relay sends the message whenever Kafka can take it. The broker is shared and stays up here, so
 * the test cuts the service's own producer instead, which is what a Kafka outage looks like from inside.
 */
describe('orders while Kafka is unavailable', function () {
  this.timeout(120_000);
  let service: TestOrderService;
  let listener: Awaited<ReturnType<typeof startListener<'order.created'>>>;

  let ns: TestNamespace;
  before(async () => {
    ns = await createTestNamespace('order-producer-down');
    listener = await startListener(ns, 'order.created');
    service = await startOrderService(ns, { retryPolicy: testRetryPolicy });
  });
  afterEach(reportServiceErrorsOnFailure(() => service));
  after(() => ns.close());

  it('takes orders, keeps their messages in the outbox, and sends them once Kafka is back', async () => {
    await service.running.context.events.disconnect();

    const placed = await postOrder<{ orderId: string }>(service.url, {
      customerId: `customer-${randomUUID()}`,
      currency: 'EUR',
      items: [{ sku: 'SKU-1', quantity: 1 }],
    });
    expect(placed.status).to.equal(202);
    const { orderId } = placed.body;
    expect((await request<OrderView>(`${service.url}/orders/${orderId}`)).body.status).to.equal('PENDING');

    // Relay passes come and fail (every 100-500 ms); the message waits in the order's outbox.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // The order and its message are one document: the message waits inside the order it announces.
    const waiting = await service.orders.findById(orderId).lean();
    expect(waiting?.status).to.equal('PENDING');
    expect(waiting?.outbox.map(({ topic, key }) => ({ topic, key }))).to.deep.equal([
      { topic: 'order.created', key: orderId },
    ]);
    expect(waiting?.outbox[0]?.value).to.deep.include({
      orderId,
      // Unpriced: the deprecated zero; the saga prices the order from inventory's catalogue.
      total: { amountMinor: 0, currency: 'EUR' },
    });
    expect(listener.forKey(orderId)).to.deep.equal([]);

    await service.running.context.events.connect({ publishes: ['order.created'] });
    await waitFor('order.created after Kafka is back', () => listener.forKey(orderId).length > 0);
    expect(listener.forKey(orderId)[0]?.context.id).to.equal(waiting?.outbox[0]?.id);
    await waitFor(
      'the outbox to empty',
      async () => (await service.orders.findById(orderId).lean())?.outbox.length === 0,
    );
  });
});
