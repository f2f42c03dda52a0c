import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createTestNamespace, customerToken, type TestNamespace } from '@saga/testing';
import type { OrderView } from '../src/http/order-view.ts';
import { postOrder, request, type ErrorBody } from './support/http.ts';
import { startOrderService, reportServiceErrorsOnFailure, type TestOrderService } from './support/stack.ts';

/** POST /orders/:orderId/returns over HTTP, against the real service on FerretDB. */
describe('returns API', function () {
  this.timeout(120_000);
  let service: TestOrderService;
  let ns: TestNamespace;
  before(async () => {
    ns = await createTestNamespace('order-returns-api');
    service = await startOrderService(ns);
  });
  afterEach(reportServiceErrorsOnFailure(() => service));
  after(() => ns.close());

  /** An order of a new customer: its id, and the customer's own token. */
  async function anOrder() {
    const customerId = `customer-${randomUUID()}`;
    const placed = await postOrder<{ orderId: string }>(service.url, {
      customerId,
      currency: 'EUR',
      items: [{ sku: 'SKU-1', quantity: 2 }],
    });
    expect(placed.status).to.equal(202);
    return { orderId: placed.body.orderId, token: await customerToken(customerId) };
  }

  const postReturn = <B>(
    orderId: string,
    body: unknown,
    token: string,
    headers: Record<string, string> = {},
  ) => request<B>(`${service.url}/orders/${orderId}/returns`, { method: 'POST', body, token, headers });

  it('records a return REQUESTED (202, its id) and shows it on the order', async () => {
    const { orderId, token } = await anOrder();

    const asked = await postReturn<{ returnId: string; status: string }>(
      orderId,
      { items: [{ sku: 'SKU-1', quantity: 1 }] },
      token,
    );

    expect(asked.status).to.equal(202);
    expect(asked.body.status).to.equal('REQUESTED');
    const order = await request<OrderView>(`${service.url}/orders/${orderId}`, { token });
    expect(order.body.returns).to.have.length(1);
    expect(order.body.returns[0]).to.deep.include({
      returnId: asked.body.returnId,
      status: 'REQUESTED',
      items: [{ sku: 'SKU-1', quantity: 1 }],
      refunded: null,
    });
  });

  it('answers a retry with the same Idempotency-Key with the same return, and other lines with 409', async () => {
    const { orderId, token } = await anOrder();
    const key = { 'Idempotency-Key': randomUUID() };
    const body = { items: [{ sku: 'SKU-1', quantity: 1 }] };

    const first = await postReturn<{ returnId: string }>(orderId, body, token, key);
    const again = await postReturn<{ returnId: string }>(orderId, body, token, key);
    const other = await postReturn<ErrorBody>(
      orderId,
      { items: [{ sku: 'SKU-1', quantity: 2 }] },
      token,
      key,
    );

    expect(again.status).to.equal(202);
    expect(again.body.returnId).to.equal(first.body.returnId);
    expect(other.status).to.equal(409);
    const order = await request<OrderView>(`${service.url}/orders/${orderId}`, { token });
    expect(order.body.returns).to.have.length(1);
  });

  it('refuses a bad body with 400 naming each field, and another customer’s order with 404', async () => {
    const { orderId, token } = await anOrder();
    const bad = await postReturn<ErrorBody>(
      orderId,
      {
        items: [
          { sku: 'SKU-1', quantity: 0 },
          { sku: 'SKU-1', quantity: 1 },
        ],
      },
      token,
    );
    expect(bad.status).to.equal(400);
    expect(JSON.stringify(bad.body)).to.include('items.0.quantity').and.include('items.1.sku');

    const stranger = await customerToken(`customer-${randomUUID()}`);
    const hidden = await postReturn<ErrorBody>(orderId, { items: [{ sku: 'SKU-1', quantity: 1 }] }, stranger);
    expect(hidden.status).to.equal(404);
    expect(
      (await postReturn(randomUUID(), { items: [{ sku: 'SKU-1', quantity: 1 }] }, token)).status,
    ).to.equal(404);
  });
});
