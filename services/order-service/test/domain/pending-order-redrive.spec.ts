import { expect } from 'chai';
import { decidePendingRedrive } from '../../src/domain/pending-order-redrive.ts';

const placedAt = new Date('2026-01-02T03:00:00.000Z');
const policy = { afterMs: 600_000, maxRedrives: 2 };
const order = {
  _id: '9a2afb0f-10a2-5c5d-b79f-8f33eb15c3b9',
  status: 'PENDING' as const,
  customerId: 'customer-1',
  currency: 'EUR',
  items: [{ sku: 'SKU-1', quantity: 2 }],
  total: null,
  createdAt: placedAt,
};
const after = (ms: number) => new Date(placedAt.getTime() + ms);

describe('decidePendingRedrive', () => {
  it('re-drives an order PENDING past the age: order.created again, as placed, counted on the order', () => {
    const now = after(600_000);
    const decided = decidePendingRedrive(order, policy, now);

    expect(decided).to.deep.include({
      kind: 'update',
      update: { $set: { redrives: 1, redrivenAt: now } },
      result: { kind: 'redriven', redrives: 1 },
      guard: { status: 'PENDING' },
    });
    const [announcement] = decided.kind === 'update' ? (decided.outbox ?? []) : [];
    expect(announcement).to.deep.include({ topic: 'order.created', key: order._id });
    expect(announcement?.value).to.deep.include({
      orderId: order._id,
      customerId: 'customer-1',
      // As placed: the lines without prices (the schema's deprecated zeros); the saga prices them.
      items: [{ sku: 'SKU-1', quantity: 2, unitPrice: { amountMinor: 0, currency: 'EUR' } }],
      createdAt: placedAt,
    });
  });

  it('re-drives in the trace of the order’s placing, stored with the order', () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const decided = decidePendingRedrive({ ...order, traceparent }, policy, after(600_000));
    const [announcement] = decided.kind === 'update' ? (decided.outbox ?? []) : [];
    expect(announcement?.traceparent).to.equal(traceparent);
  });

  it('leaves an order alone before the age, and again for the age after its last re-drive', () => {
    expect(decidePendingRedrive(order, policy, after(599_999))).to.deep.equal({
      kind: 'none',
      result: { kind: 'none' },
    });
    const redriven = { ...order, redrives: 1, redrivenAt: after(600_000) };
    expect(decidePendingRedrive(redriven, policy, after(1_199_999)).kind).to.equal('none');
    expect(decidePendingRedrive(redriven, policy, after(1_200_000)).result).to.deep.equal({
      kind: 'redriven',
      redrives: 2,
    });
  });

  it('past its re-drives, marks the order for attention instead, once', () => {
    const spent = { ...order, redrives: 2, redrivenAt: after(1_200_000) };
    const now = after(1_800_000);

    const decided = decidePendingRedrive(spent, policy, now);

    expect(decided).to.deep.include({
      kind: 'update',
      result: { kind: 'reported', redrives: 2 },
      guard: { status: 'PENDING' },
    });
    expect(decided.kind === 'update' && decided.outbox).to.equal(undefined);
    const attention = { reason: 'STILL_PENDING' as const, detail: 'x', at: now };
    expect(decidePendingRedrive({ ...spent, attention }, policy, after(9_000_000)).kind).to.equal('none');
  });

  it('leaves a settled order, or none, alone', () => {
    for (const status of ['CONFIRMED', 'CANCELLED'] as const)
      expect(decidePendingRedrive({ ...order, status }, policy, after(9_000_000)).kind).to.equal('none');
    expect(decidePendingRedrive(null, policy, after(9_000_000)).kind).to.equal('none');
  });
});
