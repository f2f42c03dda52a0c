import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createTestNamespace, waitFor, type TestNamespace } from '@saga/testing';
import type { OrderView } from '../src/http/order-view.ts';
import { postOrder, request } from './support/http.ts';
import {
  reportServiceErrorsOnFailure,
  startListener,
  startOrderService,
  startSaga,
  type TestOrderService,
} from './support/stack.ts';

/**
 * The sweep of orders left PENDING, with no orchestrator in the namespace (a saga that never started):
 * re-driven (order.created again) after PENDING_ORDER_SWEEP_AFTER_MS, then reported.
 */
describe('orders left PENDING (the PENDING-order sweep)', function () {
  this.timeout(120_000);
  let ns: TestNamespace;
  let service: TestOrderService;
  let saga: Awaited<ReturnType<typeof startSaga>>;
  let announced: Awaited<ReturnType<typeof startListener<'order.created'>>>;

  before(async () => {
    ns = await createTestNamespace('order-pending-orders');
    announced = await startListener(ns, 'order.created');
    saga = await startSaga(ns);
    service = await startOrderService(ns, {
      env: {
        PENDING_ORDER_SWEEP_AFTER_MS: '1500',
        PENDING_ORDER_SWEEP_EVERY_MS: '200',
        PENDING_ORDER_MAX_REDRIVES: '1',
      },
    });
  });
  afterEach(reportServiceErrorsOnFailure(() => service));
  after(() => ns.close());

  const place = async () =>
    (
      await postOrder<{ orderId: string }>(service.url, {
        customerId: `customer-${randomUUID()}`,
        currency: 'EUR',
        items: [{ sku: 'SKU-1', quantity: 1 }],
      })
    ).body.orderId;
  const view = async (orderId: string) => (await request<OrderView>(`${service.url}/orders/${orderId}`)).body;

  it('re-drives an order no saga settled (order.created again, as placed), then reports it for attention', async () => {
    const orderId = await place();

    const [first, again] = await announced.waitFor(orderId, 'order.created', 2);
    await waitFor(
      'the order to be marked for attention',
      async () => (await view(orderId)).attention !== undefined,
    );

    expect(again?.value).to.deep.equal(first?.value);
    expect(again?.context.id).to.not.equal(first?.context.id);
    const order = await view(orderId);
    expect(order.status).to.equal('PENDING');
    expect(order.attention).to.include({ reason: 'STILL_PENDING' });
    expect(order.attention?.detail).to.contain('1 re-drives');
    const warned = service.logs.filter((line) => line.orderId === orderId && line.level === 40);
    expect(warned.map((line) => line.msg)).to.deep.equal([
      'order still PENDING after its re-drives: marked for attention',
    ]);
    // Reported once: no further order.created, however many passes go by.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(announced.forKey(orderId, 'order.created')).to.have.length(2);
  });

  it('leaves an order its saga settled alone', async () => {
    const orderId = await place();
    await announced.waitFor(orderId, 'order.created');
    await saga.confirm({
      orderId,
      sagaId: randomUUID(),
      reservationId: randomUUID(),
      paymentId: randomUUID(),
      pricedLines: [{ sku: 'SKU-1', quantity: 1, unitPrice: { amountMinor: 1000, currency: 'EUR' } }],
      total: { amountMinor: 1000, currency: 'EUR' },
      confirmedAt: new Date(),
    });
    await waitFor('the order to be confirmed', async () => (await view(orderId)).status === 'CONFIRMED');

    await new Promise((resolve) => setTimeout(resolve, 3_000));

    expect(announced.forKey(orderId, 'order.created')).to.have.length(1);
    expect(await view(orderId)).to.not.have.property('attention');
  });
});
