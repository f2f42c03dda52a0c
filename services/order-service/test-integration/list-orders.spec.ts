import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createTestNamespace, type TestNamespace, waitFor } from '@saga/testing';
import type { OrderView } from '../src/http/order-view.ts';
import { postOrder, request, type ErrorBody } from './support/http.ts';
import {
  startOrderService,
  startSaga,
  reportServiceErrorsOnFailure,
  type TestOrderService,
} from './support/stack.ts';

interface Page {
  items: OrderView[];
  nextCursor: string | null;
}

/** GET /orders: filters, newest first, a page at a time. */
describe('GET /orders', function () {
  this.timeout(120_000);
  let service: TestOrderService;
  let saga: Awaited<ReturnType<typeof startSaga>>;
  /** One customer's orders, oldest first; some of them settled by the saga. */
  const customerId = `customer-${randomUUID()}`;
  const placed: string[] = [];
  const confirmed: string[] = [];
  const cancelled: string[] = [];

  const list = (query: Record<string, string>) =>
    request<Page>(`${service.url}/orders?${new URLSearchParams(query).toString()}`);

  let ns: TestNamespace;
  before(async () => {
    ns = await createTestNamespace('order-list-orders');
    saga = await startSaga(ns);
    service = await startOrderService(ns);
    for (let i = 0; i < 7; i++) {
      const answer = await postOrder<{ orderId: string }>(service.url, {
        customerId,
        currency: 'EUR',
        items: [{ sku: `SKU-${i}`, quantity: i + 1 }],
      });
      placed.push(answer.body.orderId);
    }
    // Another customer's order, which the customer filter must leave out.
    await postOrder(service.url, {
      customerId: `customer-${randomUUID()}`,
      currency: 'EUR',
      items: [{ sku: 'SKU-X', quantity: 1 }],
    });
    confirmed.push(placed[1] ?? '', placed[4] ?? '');
    cancelled.push(placed[2] ?? '');
    for (const orderId of confirmed) {
      await saga.confirm({
        orderId,
        sagaId: randomUUID(),
        reservationId: randomUUID(),
        paymentId: randomUUID(),
        pricedLines: [],
        total: null,
        confirmedAt: new Date(),
      });
    }
    for (const orderId of cancelled) {
      await saga.cancel({
        orderId,
        sagaId: randomUUID(),
        reason: 'OUT_OF_STOCK',
        detail: null,
        cancelledAt: new Date(),
      });
    }
    await waitFor('the saga’s decisions to be applied', async () => {
      const settled = await service.stored.count({ customerId, status: { $ne: 'PENDING' } });
      return settled === confirmed.length + cancelled.length;
    });
  });
  afterEach(reportServiceErrorsOnFailure(() => service));
  after(() => ns.close());

  /** The ids newest first, as the list must order them: by creation time, then id, both descending. */
  const newestFirst = async (ids: string[]) => {
    // Settled ones may have moved to the archive already: each is read wherever it is.
    const stored = await Promise.all(ids.map((id) => service.stored.find(id, { createdAt: 1 })));
    return stored
      .flatMap((o) => (o ? [o] : []))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a._id < b._id ? 1 : -1))
      .map((o) => o._id);
  };

  it('lists a customer’s orders newest first, with each order as GET /orders/:orderId shows it', async () => {
    const answer = await list({ customerId });
    expect(answer.status).to.equal(200);
    expect(answer.body.items.map((o) => o.orderId)).to.deep.equal(await newestFirst(placed));
    expect(answer.body.nextCursor).to.equal(null);
    const one = answer.body.items.find((o) => o.orderId === cancelled[0]);
    expect(one).to.deep.equal((await request<OrderView>(`${service.url}/orders/${cancelled[0] ?? ''}`)).body);
  });

  it('filters by status', async () => {
    const confirmedOnly = await list({ customerId, status: 'CONFIRMED' });
    expect(confirmedOnly.body.items.map((o) => o.orderId)).to.deep.equal(await newestFirst(confirmed));
    const cancelledOnly = await list({ customerId, status: 'CANCELLED' });
    expect(cancelledOnly.body.items.map((o) => o.orderId)).to.deep.equal(cancelled);
    expect(cancelledOnly.body.items[0]?.cancelReason).to.equal('OUT_OF_STOCK');
    const pending = await list({ customerId, status: 'PENDING' });
    expect(pending.body.items.map((o) => o.orderId)).to.deep.equal(
      await newestFirst(placed.filter((id) => !confirmed.includes(id) && !cancelled.includes(id))),
    );
  });

  it('lists every customer’s orders without a customer filter', async () => {
    const everything = await list({ limit: '100' });
    expect(everything.body.items).to.have.length(placed.length + 1);
    const times = everything.body.items.map((o) => Date.parse(o.createdAt));
    expect(times).to.deep.equal([...times].sort((a, b) => b - a));
  });

  it('pages through with the cursor: every order once, in order, and no cursor after the last page', async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { customerId, limit: '3', ...(cursor ? { cursor } : {}) };
      const page = await list(query);
      expect(page.status).to.equal(200);
      sizes.push(page.body.items.length);
      seen.push(...page.body.items.map((o) => o.orderId));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(sizes).to.deep.equal([3, 3, 1]);
    expect(seen).to.deep.equal(await newestFirst(placed));
  });

  it('gives no cursor when the last page is exactly full', async () => {
    const page = await list({ customerId, limit: String(placed.length) });
    expect(page.body.items).to.have.length(placed.length);
    expect(page.body.nextCursor).to.equal(null);
  });

  it('pages within a status filter', async () => {
    const first = await list({ customerId, status: 'CONFIRMED', limit: '1' });
    expect(first.body.items).to.have.length(1);
    expect(first.body.nextCursor).to.be.a('string');
    const second = await list({
      customerId,
      status: 'CONFIRMED',
      limit: '1',
      cursor: first.body.nextCursor ?? '',
    });
    expect([...first.body.items, ...second.body.items].map((o) => o.orderId)).to.deep.equal(
      await newestFirst(confirmed),
    );
    expect(second.body.nextCursor).to.equal(null);
  });

  it('finds nothing for a customer without orders', async () => {
    const answer = await list({ customerId: `customer-${randomUUID()}` });
    expect(answer.body).to.deep.equal({ items: [], nextCursor: null });
  });

  it('answers 400 naming each bad query parameter', async () => {
    const answer = await request<ErrorBody>(
      `${service.url}/orders?status=SHIPPED&limit=0&cursor=nonsense&customerId=&sort=newest`,
    );
    expect(answer.status).to.equal(400);
    expect(answer.body.error.code).to.equal('VALIDATION_FAILED');
    expect(answer.body.error.details?.map((d) => d.path)).to.deep.equal([
      'status',
      'customerId',
      'limit',
      'cursor',
      'sort',
    ]);
  });

  it('answers 400 when a parameter is given twice', async () => {
    const answer = await request<ErrorBody>(`${service.url}/orders?status=PENDING&status=CONFIRMED`);
    expect(answer.status).to.equal(400);
    expect(answer.body.error.details).to.deep.equal([{ path: 'status', message: 'must be given once' }]);
  });
});
