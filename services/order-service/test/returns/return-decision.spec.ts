import { expect } from 'chai';
import type { OutboxEntry } from '@saga/service-kit';
import type { OrderReturn } from '../../src/returns/order-return.ts';
import {
  decideReturnCommand,
  decideReturnRequest,
  type ReturnedOrder,
} from '../../src/returns/return-decision.ts';

const orderId = '6f1c1b52-93a4-4b8e-8a53-3d0f4f6a2c11';
const sagaId = 'c7d2e0a4-5b6f-4c1d-9e8a-7b6c5d4e3f21';
const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const placed = new Date('2025-06-07T08:00:00.000Z');
const now = new Date('2025-06-07T09:00:00.000Z');

const confirmed: ReturnedOrder = {
  _id: orderId,
  customerId: 'alice',
  currency: 'EUR',
  status: 'CONFIRMED',
  pricedLines: [
    { sku: 'SKU-1', quantity: 2, unitPrice: 1250 },
    { sku: 'SKU-2', quantity: 1, unitPrice: 499 },
  ],
  updatedAt: placed,
};

/** The order with a return requested by this decision, as the write would leave it. */
function requested(order: ReturnedOrder, returnId: string, items: OrderReturn['items']): ReturnedOrder {
  const made = decideReturnRequest(order, { returnId, items, idempotencyKey: null }, now);
  if (made.kind !== 'update') throw new Error(`expected an update, got ${made.kind}`);
  const set = (made.update as { $set: Pick<ReturnedOrder, 'returns' | 'updatedAt'> }).$set;
  return { ...order, ...set };
}

/** A return command applied to the order: the order after it, the outcome, and the answer sent. */
function command(order: ReturnedOrder, returnId: string, cmd: Parameters<typeof decideReturnCommand>[2]) {
  const made = decideReturnCommand(order, { orderId, sagaId, returnId, traceparent }, cmd, now);
  if (made.kind === 'insert') throw new Error('a return command never inserts');
  const set = made.kind === 'update' ? (made.update as { $set: Pick<ReturnedOrder, 'returns'> }).$set : {};
  const outbox: readonly OutboxEntry[] = made.kind === 'update' ? (made.outbox ?? []) : [];
  return {
    order: { ...order, ...set },
    outcome: made.result,
    sent: outbox.map((entry) => entry.topic),
    outbox,
  };
}

const ret1 = 'a1b2c3d4-0000-4000-8000-000000000001';
const ret2 = 'a1b2c3d4-0000-4000-8000-000000000002';
const find = (order: ReturnedOrder, id: string) => order.returns?.find((r) => r.returnId === id);

describe('a return of an order’s lines', () => {
  it('is recorded REQUESTED with order.return-requested in the same write, guarded by the order’s updatedAt', () => {
    const made = decideReturnRequest(
      confirmed,
      { returnId: ret1, items: [{ sku: 'SKU-1', quantity: 1 }], idempotencyKey: null },
      now,
    );
    expect(made.kind).to.equal('update');
    if (made.kind !== 'update') return;
    expect(made.guard).to.deep.equal({ updatedAt: placed });
    expect(made.outbox?.[0]).to.deep.include({ topic: 'order.return-requested', key: orderId });
    expect(made.outbox?.[0]?.value).to.deep.include({ orderId, returnId: ret1, customerId: 'alice' });
  });

  it('asked again with the same id and lines is replayed; with other lines, the key is reused', () => {
    const order = requested(confirmed, ret1, [{ sku: 'SKU-1', quantity: 1 }]);
    const again = decideReturnRequest(
      order,
      { returnId: ret1, items: [{ sku: 'SKU-1', quantity: 1 }], idempotencyKey: 'k' },
      now,
    );
    expect(again).to.deep.include({ kind: 'none' });
    expect(again.result).to.deep.include({ kind: 'replayed' });
    const other = decideReturnRequest(
      order,
      { returnId: ret1, items: [{ sku: 'SKU-1', quantity: 2 }], idempotencyKey: 'k' },
      now,
    );
    expect(other.result).to.deep.include({ kind: 'key-reused' });
  });

  it('is approved at the unit prices charged, and its quantities held', () => {
    const order = requested(confirmed, ret1, [
      { sku: 'SKU-1', quantity: 1 },
      { sku: 'SKU-2', quantity: 1 },
    ]);
    const { order: after, outcome, outbox } = command(order, ret1, { kind: 'approve' });
    expect(outcome).to.deep.equal({ kind: 'applied', status: 'APPROVED' });
    expect(outbox[0]?.topic).to.equal('order.return-approved');
    expect(outbox[0]?.value).to.deep.include({ refund: { amountMinor: 1250 + 499, currency: 'EUR' } });
    expect(find(after, ret1)).to.deep.include({ status: 'APPROVED', sagaId });
  });

  it('is rejected MORE_THAN_BOUGHT when it returns more than was bought, counting earlier returns not rejected', () => {
    let order = requested(confirmed, ret1, [{ sku: 'SKU-1', quantity: 2 }]);
    order = command(order, ret1, { kind: 'approve' }).order;
    order = requested(order, ret2, [{ sku: 'SKU-1', quantity: 1 }]);
    const { order: after, outbox } = command(order, ret2, { kind: 'approve' });
    expect(outbox[0]?.topic).to.equal('order.return-rejected');
    expect(outbox[0]?.value).to.deep.include({ reason: 'MORE_THAN_BOUGHT' });
    expect(find(after, ret2)).to.deep.include({ status: 'REJECTED', rejectReason: 'MORE_THAN_BOUGHT' });
  });

  it('holds nothing once rejected: a cancelled return frees its quantities for the next', () => {
    let order = requested(confirmed, ret1, [{ sku: 'SKU-1', quantity: 2 }]);
    order = command(order, ret1, { kind: 'approve' }).order;
    const cancelled = command(order, ret1, {
      kind: 'cancel',
      reason: 'RESTOCK_FAILED',
      detail: 'SKU-1 unknown',
    });
    expect(cancelled.sent).to.deep.equal(['order.return-cancelled']);
    order = requested(cancelled.order, ret2, [{ sku: 'SKU-1', quantity: 2 }]);
    expect(command(order, ret2, { kind: 'approve' }).outcome).to.deep.equal({
      kind: 'applied',
      status: 'APPROVED',
    });
  });

  it('is rejected ORDER_NOT_CONFIRMED for an order that is not CONFIRMED', () => {
    const order = requested({ ...confirmed, status: 'CANCELLED', pricedLines: [] }, ret1, [
      { sku: 'SKU-1', quantity: 1 },
    ]);
    const { outbox } = command(order, ret1, { kind: 'approve' });
    expect(outbox[0]?.value).to.deep.include({ reason: 'ORDER_NOT_CONFIRMED' });
  });

  it('approved again answers the same, changing nothing but the answer', () => {
    let order = requested(confirmed, ret1, [{ sku: 'SKU-1', quantity: 1 }]);
    order = command(order, ret1, { kind: 'approve' }).order;
    const again = command(order, ret1, { kind: 'approve' });
    expect(again.outcome).to.deep.equal({ kind: 'answered-again', status: 'APPROVED' });
    expect(again.sent).to.deep.equal(['order.return-approved']);
  });

  it('is COMPLETED with what was refunded, and a repeated complete is answered again; a COMPLETED one is never cancelled', () => {
    let order = requested(confirmed, ret1, [{ sku: 'SKU-1', quantity: 1 }]);
    order = command(order, ret1, { kind: 'approve' }).order;
    const done = command(order, ret1, { kind: 'complete', refunded: 1250 });
    expect(done.sent).to.deep.equal(['order.return-completed']);
    expect(find(done.order, ret1)).to.deep.include({ status: 'COMPLETED', refunded: 1250 });
    expect(command(done.order, ret1, { kind: 'complete', refunded: 1250 }).outcome.kind).to.equal(
      'answered-again',
    );
    const late = command(done.order, ret1, { kind: 'cancel', reason: 'UNKNOWN', detail: null });
    expect(late.outcome).to.deep.equal({ kind: 'not-applicable', status: 'COMPLETED' });
    expect(late.sent).to.deep.equal([]);
  });
});
