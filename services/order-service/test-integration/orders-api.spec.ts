import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { skuRule } from '@saga/contracts';
import { bearer, createTestNamespace, testTokens, type TestNamespace } from '@saga/testing';
import type { OrderView } from '../src/http/order-view.ts';
import { postOrder, request, type ErrorBody } from './support/http.ts';
import { startOrderService, reportServiceErrorsOnFailure, type TestOrderService } from './support/stack.ts';

interface Accepted {
  orderId: string;
  status: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A valid order of a customer of this test's own, so lists and counts see only its orders. */
const anOrder = (customerId = `customer-${randomUUID()}`) => ({
  customerId,
  currency: 'EUR',
  items: [
    { sku: 'SKU-1', quantity: 2 },
    { sku: 'SKU-2', quantity: 1 },
  ],
});

/** The order API over HTTP, against the real service on FerretDB (Kafka only for its start). */
describe('order API', function () {
  this.timeout(120_000);
  let service: TestOrderService;

  let ns: TestNamespace;
  before(async () => {
    ns = await createTestNamespace('order-orders-api');
    service = await startOrderService(ns);
  });
  afterEach(reportServiceErrorsOnFailure(() => service));
  after(() => ns.close());

  describe('POST /orders, then GET /orders/:orderId', () => {
    it('accepts an order with 202, its id and PENDING, and a Location to follow; it is not priced until the saga confirms it', async () => {
      const order = anOrder();
      const placed = await postOrder<Accepted>(service.url, order);
      expect(placed.status).to.equal(202);
      expect(placed.body.status).to.equal('PENDING');
      expect(placed.body.orderId).to.match(UUID);
      expect(Object.keys(placed.body).sort()).to.deep.equal(['orderId', 'status']);
      expect(placed.headers.get('location')).to.equal(`/orders/${placed.body.orderId}`);

      const read = await request<OrderView>(`${service.url}${placed.headers.get('location') ?? ''}`);
      expect(read.status).to.equal(200);
      const { createdAt, updatedAt, ...rest } = read.body;
      expect(rest).to.deep.equal({
        orderId: placed.body.orderId,
        customerId: order.customerId,
        status: 'PENDING',
        items: order.items,
        pricedLines: [],
        total: null,
        currency: 'EUR',
        returns: [],
      });
      expect(new Date(createdAt).toISOString()).to.equal(createdAt);
      expect(updatedAt).to.equal(createdAt);
      expect(Date.now() - Date.parse(createdAt)).to.be.within(0, 60_000);
    });

    it('places a new order for every request without an Idempotency-Key, even with the same body', async () => {
      const order = anOrder();
      const first = await postOrder<Accepted>(service.url, order);
      const second = await postOrder<Accepted>(service.url, order);
      expect([first.status, second.status]).to.deep.equal([202, 202]);
      expect(first.body.orderId).to.not.equal(second.body.orderId);
      expect(await service.stored.count({ customerId: order.customerId })).to.equal(2);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a retry with the same status and the order as it is now, and places one order', async () => {
      const order = anOrder();
      const key = `checkout-${randomUUID()}`;
      const first = await postOrder<Accepted>(service.url, order, { 'Idempotency-Key': key });
      const retry = await postOrder<Accepted>(service.url, order, { 'Idempotency-Key': key });
      expect(first.status).to.equal(202);
      expect(retry.status).to.equal(first.status);
      expect(retry.body).to.include(first.body);
      expect(retry.body).to.deep.equal(
        (await request<OrderView>(`${service.url}/orders/${first.body.orderId}`)).body,
      );
      expect(retry.headers.get('location')).to.equal(first.headers.get('location'));
      expect(first.headers.get('idempotent-replayed')).to.equal(null);
      expect(retry.headers.get('idempotent-replayed')).to.equal('true');
      expect(await service.stored.count({ customerId: order.customerId })).to.equal(1);
    });

    it('treats the same body with its fields in another order as the same request', async () => {
      const order = anOrder();
      const key = `checkout-${randomUUID()}`;
      const first = await postOrder<Accepted>(service.url, order, { 'Idempotency-Key': key });
      const reordered = {
        items: order.items.map(({ quantity, sku }) => ({ quantity, sku })),
        currency: order.currency,
        customerId: order.customerId,
      };
      const retry = await postOrder<Accepted>(service.url, reordered, { 'Idempotency-Key': key });
      expect(retry.status).to.equal(202);
      expect(retry.body).to.include(first.body);
    });

    it('answers concurrent retries with one order', async () => {
      const order = anOrder();
      const key = `checkout-${randomUUID()}`;
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => postOrder<Accepted>(service.url, order, { 'Idempotency-Key': key })),
      );
      expect(answers.map((a) => a.status)).to.deep.equal([202, 202, 202, 202, 202]);
      expect(new Set(answers.map((a) => a.body.orderId)).size).to.equal(1);
      expect(await service.stored.count({ customerId: order.customerId })).to.equal(1);
    });

    it('refuses the same key with a different body with 409, and leaves the first order as it was', async () => {
      const order = anOrder();
      const key = `checkout-${randomUUID()}`;
      const first = await postOrder<Accepted>(service.url, order, { 'Idempotency-Key': key });
      const before = await request<OrderView>(`${service.url}/orders/${first.body.orderId}`);

      const changed = { ...order, items: [{ sku: 'SKU-1', quantity: 3 }] };
      const reused = await postOrder<ErrorBody>(service.url, changed, { 'Idempotency-Key': key });
      expect(reused.status).to.equal(409);
      expect(reused.body.error.code).to.equal('IDEMPOTENCY_KEY_REUSED');
      expect(reused.body.error.message).to.contain(first.body.orderId).and.contain('different body');

      const after = await request<OrderView>(`${service.url}/orders/${first.body.orderId}`);
      expect(after.body).to.deep.equal(before.body);
      expect(await service.stored.count({ customerId: order.customerId })).to.equal(1);
    });

    it('places separate orders for separate keys', async () => {
      const order = anOrder();
      const a = await postOrder<Accepted>(service.url, order, { 'Idempotency-Key': `a-${randomUUID()}` });
      const b = await postOrder<Accepted>(service.url, order, { 'Idempotency-Key': `b-${randomUUID()}` });
      expect(a.body.orderId).to.not.equal(b.body.orderId);
      expect(await service.stored.count({ customerId: order.customerId })).to.equal(2);
    });

    it('refuses an invalid key with 400 naming the header, together with the body’s errors', async () => {
      const order = anOrder();
      const answer = await postOrder<ErrorBody>(
        service.url,
        { ...order, currency: 'euro' },
        { 'Idempotency-Key': 'has spaces in it' },
      );
      expect(answer.status).to.equal(400);
      expect(answer.body.error.details?.map((d) => d.path)).to.deep.equal(['Idempotency-Key', 'currency']);
      expect(await service.stored.count({ customerId: order.customerId })).to.equal(0);
    });
  });

  describe('invalid bodies', () => {
    it('answers 400 listing every field error, path and message, and stores nothing', async () => {
      const before = await service.stored.count({});
      const answer = await postOrder<ErrorBody>(service.url, {
        customerId: '',
        currency: 'eur',
        items: [
          { sku: 'SKU-1', quantity: 0, unitPrice: 12.5 },
          { sku: '', quantity: 1, colour: 'red' },
        ],
        note: 'please hurry',
      });
      expect(answer.status).to.equal(400);
      expect(answer.body.error.code).to.equal('VALIDATION_FAILED');
      expect(answer.body.error.details).to.deep.equal([
        { path: 'customerId', message: 'must not be empty' },
        { path: 'currency', message: 'must be an ISO 4217 code of 3 uppercase letters, e.g. EUR' },
        { path: 'items.0.quantity', message: 'must be at least 1' },
        { path: 'items.0.unitPrice', message: 'prices are set by the shop; leave unitPrice out' },
        { path: 'items.1.sku', message: skuRule },
        { path: 'items.1.colour', message: 'is not a known field' },
        { path: 'note', message: 'is not a known field' },
      ]);
      expect(await service.stored.count({})).to.equal(before);
    });

    it('answers 400 to an empty body, naming each missing field', async () => {
      const answer = await postOrder<ErrorBody>(service.url, {});
      expect(answer.status).to.equal(400);
      expect(answer.body.error.details?.map((d) => `${d.path}: ${d.message}`)).to.deep.equal([
        'customerId: is required',
        'currency: is required',
        'items: is required',
      ]);
    });

    it('answers 400 to a body that is not JSON, and 415 to one that is not declared JSON', async () => {
      const malformed = await fetch(`${service.url}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(testTokens.admin) },
        body: '{"customerId": ',
      });
      expect(malformed.status).to.equal(400);
      expect(((await malformed.json()) as ErrorBody).error.code).to.equal('MALFORMED_JSON');
      const text = await fetch(`${service.url}/orders`, {
        method: 'POST',
        body: 'customerId=c-1',
        headers: bearer(testTokens.admin),
      });
      expect(text.status).to.equal(415);
    });
  });

  describe('GET /orders/:orderId', () => {
    it('answers 404 with a clear error for an order that does not exist', async () => {
      const orderId = randomUUID();
      const answer = await request<ErrorBody>(`${service.url}/orders/${orderId}`);
      expect(answer.status).to.equal(404);
      expect(answer.body.error).to.deep.equal({
        code: 'ORDER_NOT_FOUND',
        message: `order ${orderId} does not exist`,
        details: { orderId },
      });
    });

    it('answers 400 for an id that is not a UUID', async () => {
      const answer = await request<ErrorBody>(`${service.url}/orders/order-1`);
      expect(answer.status).to.equal(400);
      expect(answer.body.error.code).to.equal('VALIDATION_FAILED');
      expect(answer.body.error.details).to.deep.equal([{ path: 'orderId', message: 'must be a UUID' }]);
    });

    it('finds an order by its id written in upper case', async () => {
      const placed = await postOrder<Accepted>(service.url, anOrder());
      const answer = await request<OrderView>(`${service.url}/orders/${placed.body.orderId.toUpperCase()}`);
      expect(answer.status).to.equal(200);
      expect(answer.body.orderId).to.equal(placed.body.orderId);
    });

    it('never shows the outbox, the processed message ids or the idempotency data', async () => {
      const placed = await postOrder<Accepted>(service.url, anOrder(), { 'Idempotency-Key': randomUUID() });
      const answer = await request<Record<string, unknown>>(`${service.url}/orders/${placed.body.orderId}`);
      expect(Object.keys(answer.body).sort()).to.deep.equal([
        'createdAt',
        'currency',
        'customerId',
        'items',
        'orderId',
        'pricedLines',
        'returns',
        'status',
        'total',
        'updatedAt',
      ]);
    });
  });
});
