import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { errorBodySchema } from '@saga/service-kit';
import { createTestNamespace, type TestNamespace } from '@saga/testing';
import { getOrder, listOrders, placeOrder } from '../src/http/order-operations.ts';
import { postOrder, request } from './support/http.ts';
import { startOrderService, reportServiceErrorsOnFailure, type TestOrderService } from './support/stack.ts';

/** The running service describes itself, and its answers are what its document says they are. */
describe('order API description', function () {
  this.timeout(120_000);
  let service: TestOrderService;
  let ns: TestNamespace;
  before(async () => {
    ns = await createTestNamespace('order-openapi');
    service = await startOrderService(ns);
  });
  afterEach(reportServiceErrorsOnFailure(() => service));
  after(() => ns.close());

  it('serves its OpenAPI document at GET /openapi.json, without a token, as committed in docs/openapi/', async () => {
    const served = await request(`${service.url}/openapi.json`, { token: null });
    expect(served.status).to.equal(200);
    const committed = JSON.parse(
      await readFile(new URL('../../../docs/openapi/order-service.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(served.body).to.deep.equal(committed);
  });

  it("answers placing, reading and listing an order as the operations' response schemas describe", async () => {
    const customerId = `customer-${randomUUID()}`;
    const placed = await postOrder(service.url, {
      customerId,
      currency: 'EUR',
      items: [{ sku: 'SKU-1', quantity: 2 }],
    });
    expect(placed.status).to.equal(202);
    const { orderId } = placeOrder.responses[202].body.parse(placed.body) as { orderId: string };

    const read = await request(`${service.url}/orders/${orderId}`);
    expect(read.status).to.equal(200);
    getOrder.responses[200].body.parse(read.body);

    const listed = await request(`${service.url}/orders?customerId=${customerId}`);
    expect(listed.status).to.equal(200);
    expect(listOrders.responses[200].body.parse(listed.body).items).to.have.length(1);

    const missing = await request(`${service.url}/orders/${randomUUID()}`);
    expect(missing.status).to.equal(404);
    expect(errorBodySchema.parse(missing.body).error.code).to.equal('ORDER_NOT_FOUND');
  });
});
