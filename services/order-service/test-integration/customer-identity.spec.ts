import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createTestNamespace, customerToken, testTokens, type TestNamespace } from '@saga/testing';
import type { OrderView } from '../src/http/order-view.ts';
import { request, type ErrorBody } from './support/http.ts';
import { reportServiceErrorsOnFailure, startOrderService, type TestOrderService } from './support/stack.ts';

interface Accepted {
  orderId: string;
  status: string;
}

const newCustomer = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const orderOf = (customerId: string) => ({
  customerId,
  currency: 'EUR',
  items: [{ sku: 'SKU-1', quantity: 1 }],
});

/**
 * Who may do what on the order API, against the real service: a customer (a JWT whose `sub` is their
 * customer id) places and reads only their own orders; admin does anything for anyone; ops reads.
 */
describe('order API: customer identity', function () {
  this.timeout(120_000);
  let service: TestOrderService;
  let ns: TestNamespace;
  before(async () => {
    ns = await createTestNamespace('order-identity');
    service = await startOrderService(ns);
  });
  afterEach(reportServiceErrorsOnFailure(() => service));
  after(() => ns.close());

  const place = async (asCustomer: string, body: unknown, headers: Record<string, string> = {}) =>
    request<Accepted & ErrorBody>(`${service.url}/orders`, {
      method: 'POST',
      body,
      headers,
      token: await customerToken(asCustomer),
    });

  it('lets a customer place an order of their own', async () => {
    const alice = newCustomer('alice');
    const placed = await place(alice, orderOf(alice));
    expect(placed.status).to.equal(202);
    expect(await service.stored.count({ customerId: alice })).to.equal(1);
  });

  it('answers 403 to a customer ordering for another, and stores nothing', async () => {
    const [alice, bob] = [newCustomer('alice'), newCustomer('bob')];
    const answer = await place(alice, orderOf(bob));
    expect(answer.status).to.equal(403);
    expect(answer.body.error.code).to.equal('FORBIDDEN');
    expect(answer.body.error.message).to.contain(`your own customer id ("${alice}")`);
    expect(await service.stored.count({ customerId: bob })).to.equal(0);
  });

  it('lets admin place for any customer, and refuses ops (which only reads)', async () => {
    const carol = newCustomer('carol');
    const asAdmin = await request(`${service.url}/orders`, {
      method: 'POST',
      body: orderOf(carol),
      token: testTokens.admin,
    });
    expect(asAdmin.status).to.equal(202);
    const asOps = await request<ErrorBody>(`${service.url}/orders`, {
      method: 'POST',
      body: orderOf(carol),
      token: testTokens.ops,
    });
    expect(asOps.status).to.equal(403);
    expect(await service.stored.count({ customerId: carol })).to.equal(1);
  });

  it("shows a customer their own orders only: another's is 404, and their list holds theirs alone", async () => {
    const [alice, bob] = [newCustomer('alice'), newCustomer('bob')];
    const own = (await place(alice, orderOf(alice))).body.orderId;
    const others = (await place(bob, orderOf(bob))).body.orderId;
    const aliceToken = await customerToken(alice);

    expect((await request<OrderView>(`${service.url}/orders/${own}`, { token: aliceToken })).status).to.equal(
      200,
    );
    const foreign = await request<ErrorBody>(`${service.url}/orders/${others}`, { token: aliceToken });
    expect(foreign.status).to.equal(404);

    const list = await request<{ items: OrderView[] }>(`${service.url}/orders?limit=100`, {
      token: aliceToken,
    });
    expect(list.status).to.equal(200);
    expect(list.body.items.map((o) => o.customerId)).to.deep.equal([alice]);
    const asking = await request<ErrorBody>(`${service.url}/orders?customerId=${bob}`, { token: aliceToken });
    expect(asking.status).to.equal(403);
  });

  it("lets ops and admin read any customer's orders", async () => {
    const dave = newCustomer('dave');
    const orderId = (await place(dave, orderOf(dave))).body.orderId;
    for (const token of [testTokens.ops, testTokens.admin]) {
      expect((await request(`${service.url}/orders/${orderId}`, { token })).status).to.equal(200);
      const list = await request<{ items: OrderView[] }>(`${service.url}/orders?customerId=${dave}`, {
        token,
      });
      expect(list.body.items.map((o) => o.orderId)).to.deep.equal([orderId]);
    }
  });

  it("scopes Idempotency-Keys per customer: the same key places each customer's own order", async () => {
    const [alice, bob] = [newCustomer('alice'), newCustomer('bob')];
    const key = `checkout-${randomUUID()}`;
    const first = await place(alice, orderOf(alice), { 'Idempotency-Key': key });
    const second = await place(bob, orderOf(bob), { 'Idempotency-Key': key });
    expect([first.status, second.status]).to.deep.equal([202, 202]);
    expect(second.body.orderId).not.to.equal(first.body.orderId);
    expect(second.headers.get('idempotent-replayed')).to.equal(null);
    expect(await service.stored.count({ customerId: bob })).to.equal(1);
    // Alice's own retry still finds her order.
    const retry = await place(alice, orderOf(alice), { 'Idempotency-Key': key });
    expect(retry.body.orderId).to.equal(first.body.orderId);
    expect(retry.headers.get('idempotent-replayed')).to.equal('true');
  });

  it('answers 401 to a token that is forged, expired, for another audience or unsigned, and stores nothing', async () => {
    const eve = newCustomer('eve');
    const unsignedAdmin = [
      Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'),
      Buffer.from(
        JSON.stringify({
          sub: eve,
          roles: ['admin'],
          exp: Math.floor(Date.now() / 1000) + 600,
          aud: 'saga-api',
          iss: 'saga-test',
        }),
      ).toString('base64url'),
      '',
    ].join('.');
    const bad = {
      forged: await customerToken(eve, { secret: 'not-the-services-secret-0123456789-abcdef' }),
      expired: await customerToken(eve, { now: new Date(Date.now() - 7_200_000), ttlSeconds: 60 }),
      'another audience': await customerToken(eve, { audience: 'billing-api' }),
      'another issuer': await customerToken(eve, { issuer: 'someone-else' }),
      'alg none': unsignedAdmin,
    };
    for (const [what, token] of Object.entries(bad)) {
      const answer = await request<ErrorBody>(`${service.url}/orders`, {
        method: 'POST',
        body: orderOf(eve),
        token,
      });
      expect(answer.status, what).to.equal(401);
      expect(answer.headers.get('www-authenticate'), what).to.contain('invalid_token');
      expect(JSON.stringify(answer.body), what).not.to.contain(token);
    }
    expect(await service.stored.count({ customerId: eve })).to.equal(0);
  });
});
