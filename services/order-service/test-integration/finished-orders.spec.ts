import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createTestNamespace, settle, type TestNamespace, waitFor } from '@saga/testing';
import type { OrderView } from '../src/http/order-view.ts';
import { postOrder, request, type ErrorBody } from './support/http.ts';
import {
  startListener,
  startOrderService,
  startSaga,
  reportServiceErrorsOnFailure,
  type TestOrderService,
} from './support/stack.ts';

interface Accepted {
  orderId: string;
  status: string;
}

interface Page {
  items: OrderView[];
  nextCursor: string | null;
}

const anOrder = (customerId = `customer-${randomUUID()}`) => ({
  customerId,
  currency: 'EUR',
  items: [{ sku: 'SKU-1', quantity: 1 }],
});

/**
 * Settled orders leave the hot collection for `orders_finished` once their order.created is sent
 * (order-model.ts), and every read still finds them: the views, the saga's late commands and a
 * retried POST /orders.
 */
describe('settled orders in the archive (orders_finished)', function () {
  this.timeout(120_000);
  let service: TestOrderService;
  let saga: Awaited<ReturnType<typeof startSaga>>;
  let announced: Awaited<ReturnType<typeof startListener<'order.created'>>>;

  let ns: TestNamespace;
  before(async () => {
    ns = await createTestNamespace('order-finished-orders');
    announced = await startListener(ns, 'order.created');
    saga = await startSaga(ns);
    service = await startOrderService(ns);
  });
  afterEach(reportServiceErrorsOnFailure(() => service));
  after(() => ns.close());

  const place = async (customerId?: string, headers: Record<string, string> = {}) =>
    (await postOrder<Accepted>(service.url, anOrder(customerId), headers)).body.orderId;
  const view = (orderId: string) => request<OrderView>(`${service.url}/orders/${orderId}`);
  const list = (query: Record<string, string>) =>
    request<Page>(`${service.url}/orders?${new URLSearchParams(query).toString()}`);
  const hot = (orderId: string) => service.stored.hot.findOne({ _id: orderId });
  const archived = (orderId: string) => service.stored.archive.findOne({ _id: orderId });

  const confirm = (orderId: string, options: { id?: string } = {}) =>
    saga.confirm(
      {
        orderId,
        sagaId: randomUUID(),
        reservationId: randomUUID(),
        paymentId: randomUUID(),
        pricedLines: [],
        total: null,
        confirmedAt: new Date(),
      },
      options,
    );
  const cancel = (orderId: string, options: { id?: string } = {}) =>
    saga.cancel(
      { orderId, sagaId: randomUUID(), reason: 'OUT_OF_STOCK', detail: null, cancelledAt: new Date() },
      options,
    );
  const moved = (orderIds: readonly string[]) =>
    waitFor('the settled orders to move to the archive', async () => {
      for (const orderId of orderIds) {
        if ((await hot(orderId)) !== null || (await archived(orderId)) === null) return false;
      }
      return true;
    });

  /** Every page of a list, `limit` at a time: the ids in the order served, and each page's size. */
  const pageThrough = async (query: Record<string, string>, limit: number) => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await list({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
      expect(page.status).to.equal(200);
      sizes.push(page.body.items.length);
      seen.push(...page.body.items.map((o) => o.orderId));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    return { seen, sizes };
  };
  /** The ids in list order (newest first, then id descending), from what is stored wherever it is. */
  const newestFirst = async (ids: readonly string[]) => {
    const stored = await Promise.all(ids.map((id) => service.stored.find(id, { createdAt: 1 })));
    return stored
      .flatMap((o) => (o ? [o] : []))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a._id < b._id ? 1 : -1))
      .map((o) => o._id);
  };

  it('moves a confirmed order to orders_finished once its order.created is sent, and still serves it', async () => {
    const orderId = await place();
    await confirm(orderId);
    await moved([orderId]);

    expect(await archived(orderId)).to.deep.include({ status: 'CONFIRMED', outbox: [] });
    // Sent before the order moved; the listener may still be on its way to it.
    expect(await announced.waitFor(orderId, 'order.created')).to.have.length(1);
    const served = await view(orderId);
    expect(served.status).to.equal(200);
    expect(served.body).to.include({ orderId, status: 'CONFIRMED' });
  });

  it('moves a cancelled order too, and serves it with its reason', async () => {
    const orderId = await place();
    await cancel(orderId);
    await moved([orderId]);

    expect((await view(orderId)).body).to.include({ status: 'CANCELLED', cancelReason: 'OUT_OF_STOCK' });
  });

  it('keeps a PENDING order in the hot collection', async () => {
    const orderId = await place();
    await waitFor('order.created', () => announced.forKey(orderId).length > 0);
    await settle(1000);
    expect(await hot(orderId)).to.deep.include({ status: 'PENDING' });
    expect(await archived(orderId)).to.equal(null);
  });

  it('lists archived and pending orders as one, newest first, paging across both collections', async () => {
    const customerId = `customer-${randomUUID()}`;
    const placed: string[] = [];
    for (let i = 0; i < 5; i++) placed.push(await place(customerId));
    const [first, second, third, fourth, fifth] = placed as [string, string, string, string, string];
    await confirm(first);
    await cancel(third);
    await confirm(fifth);
    await moved([first, third, fifth]);

    const everything = await pageThrough({ customerId }, 2);
    expect(everything.sizes).to.deep.equal([2, 2, 1]);
    expect(everything.seen).to.deep.equal(await newestFirst(placed));

    const confirmed = await pageThrough({ customerId, status: 'CONFIRMED' }, 1);
    expect(confirmed.seen).to.deep.equal(await newestFirst([first, fifth]));
    const cancelled = await list({ customerId, status: 'CANCELLED' });
    expect(cancelled.body.items.map((o) => o.orderId)).to.deep.equal([third]);
    const pending = await list({ customerId, status: 'PENDING' });
    expect(pending.body.items.map((o) => o.orderId)).to.deep.equal(await newestFirst([second, fourth]));
  });

  it('lists an order caught in both collections (a crash while it moved) once', async () => {
    const customerId = `customer-${randomUUID()}`;
    const settled = await place(customerId);
    const pending = await place(customerId);
    await confirm(settled);
    await moved([settled]);
    // What a crash between the move's copy and its delete leaves: the order in both collections.
    const copy = await archived(settled);
    if (!copy) throw new Error('the archived order vanished');
    const { writer } = service.running.context;
    await writer.run(service.orders, settled, () => service.stored.hot.insertOne(copy));

    const listed = await list({ customerId });
    expect(listed.body.items.map((o) => o.orderId)).to.deep.equal(await newestFirst([settled, pending]));
    expect((await view(settled)).body.status).to.equal('CONFIRMED');
  });

  it('answers a replayed Idempotency-Key of an archived order with the order as it ended, and creates nothing', async () => {
    const customerId = `customer-${randomUUID()}`;
    const key = `checkout-${randomUUID()}`;
    const first = await postOrder<Accepted>(service.url, anOrder(customerId), { 'Idempotency-Key': key });
    const { orderId } = first.body;
    await confirm(orderId);
    await moved([orderId]);
    const before = await archived(orderId);

    const replay = await postOrder<Accepted>(service.url, anOrder(customerId), { 'Idempotency-Key': key });
    expect(replay.status).to.equal(202);
    expect(replay.body).to.deep.include({ orderId, status: 'CONFIRMED' });
    expect(replay.body).to.deep.equal((await view(orderId)).body);
    expect(replay.headers.get('idempotent-replayed')).to.equal('true');
    expect(replay.headers.get('location')).to.equal(`/orders/${orderId}`);

    const reused = await postOrder<ErrorBody>(
      service.url,
      { ...anOrder(customerId), currency: 'USD' },
      { 'Idempotency-Key': key },
    );
    expect(reused.status).to.equal(409);
    expect(reused.body.error.code).to.equal('IDEMPOTENCY_KEY_REUSED');

    // Relay passes (every 200 ms) go by: a second order or order.created would show here.
    await settle(1500);
    expect(await hot(orderId)).to.equal(null);
    expect(await archived(orderId)).to.deep.equal(before);
    expect(await service.stored.count({ customerId })).to.equal(1);
    expect(announced.forKey(orderId)).to.have.length(1);
  });

  it('lets a late saga command for an archived order change nothing, and leaves it archived', async () => {
    const orderId = await place();
    await confirm(orderId);
    await moved([orderId]);
    const before = await archived(orderId);

    const late = randomUUID();
    await cancel(orderId, { id: late });
    await waitFor('the late cancel to be handled', () =>
      service.logs.some((line) => line.messageId === late),
    );
    expect(service.logs.find((line) => line.messageId === late)).to.deep.include({
      orderId,
      status: 'CONFIRMED',
    });
    expect(await hot(orderId)).to.equal(null);
    expect(await archived(orderId)).to.deep.equal(before);
  });
});
