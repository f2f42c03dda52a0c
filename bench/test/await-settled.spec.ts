import { expect } from 'chai';
import { PlatformApiError, type PlatformClient } from '@saga/client';
import { awaitSettled } from '../src/saga/await-settled.ts';
import type { BenchPlatform } from '../src/saga/bench-platform.ts';

type OrderView = Awaited<ReturnType<PlatformClient['getOrder']>>['body'];

/**
 * An order API whose orders end one per poll of the PENDING list (or never, when `stalls`), as a
 * platform slower than the section planned would: what awaitSettled reads, and nothing else.
 */
function slowPlatform(count: number, options: { stalls?: boolean } = {}) {
  const orders: OrderView[] = Array.from({ length: count }, (_, n) => ({
    orderId: `order-${n}`,
    customerId: 'customer-1',
    status: 'PENDING',
    items: [{ sku: 'SKU-1', quantity: 1 }],
    pricedLines: [],
    total: null,
    currency: 'EUR',
    createdAt: '2026-12-02T10:00:00.000Z',
    updatedAt: '2026-12-02T10:00:00.000Z',
    returns: [],
  }));
  const answer = (items: OrderView[]) =>
    Promise.resolve({ status: 200, headers: new Headers(), body: { items, nextCursor: null } });
  const api: Pick<PlatformClient, 'listOrders' | 'getOrder'> = {
    listOrders(query) {
      if (query?.status === 'PENDING') {
        const pending = orders.filter((order) => order.status === 'PENDING');
        const next = pending[0];
        if (next && !options.stalls) Object.assign(next, { status: 'CONFIRMED' });
        return answer(pending);
      }
      return answer(orders);
    },
    getOrder: (orderId) =>
      Promise.reject(
        new PlatformApiError(
          `GET /orders/${orderId}`,
          404,
          { error: { code: 'ORDER_NOT_FOUND', message: 'no' } },
          new Headers(),
        ),
      ),
  };
  const client = { api } as unknown as BenchPlatform;
  return { client, ids: orders.map((order) => order.orderId) };
}

describe('awaitSettled', () => {
  it('keeps waiting past the planned time while orders keep ending, so slow is never called stuck', async () => {
    const { client, ids } = slowPlatform(5);
    const { orders, timedOut } = await awaitSettled(client, ['customer-1'], ids, {
      timeoutMs: 0,
      stallMs: 200,
      drainPollMs: 5,
    });
    expect(timedOut).to.equal(false);
    expect(orders.map((order) => order.status)).to.deep.equal(Array(5).fill('CONFIRMED'));
  });

  it('gives up once no order has ended for the stall time, and says it timed out', async () => {
    const { client, ids } = slowPlatform(3, { stalls: true });
    const began = Date.now();
    const { orders, timedOut } = await awaitSettled(client, ['customer-1'], ids, {
      timeoutMs: 0,
      stallMs: 100,
      drainPollMs: 5,
    });
    expect(timedOut).to.equal(true);
    expect(Date.now() - began).to.be.within(100, 2_000);
    expect(orders.map((order) => order.status)).to.deep.equal(Array(3).fill('PENDING'));
  });
});
