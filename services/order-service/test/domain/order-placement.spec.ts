import { expect } from 'chai';
import { decideOrderPlacement } from '../../src/domain/order-placement.ts';
import { newOrderDocument } from '../../src/model/new-order-document.ts';

const now = new Date('2026-01-02T03:04:05.000Z');
const request = {
  customerId: 'alice',
  currency: 'EUR',
  items: [{ sku: 'BOOK-1', quantity: 2 }],
};
const keyed = newOrderDocument({
  orderId: 'o-1',
  request,
  now,
  idempotency: { key: 'k-1', fingerprint: 'f-1' },
});

describe('decideOrderPlacement', () => {
  it('inserts a new order with its order.created in the outbox', () => {
    const decided = decideOrderPlacement(null, keyed);
    expect(decided.kind).to.equal('insert');
    if (decided.kind !== 'insert') return;
    expect(decided.result).to.deep.equal({ kind: 'placed' });
    expect(decided.document).to.include({ customerId: 'alice', status: 'PENDING', total: null });
    expect(decided.document).to.not.have.any.keys('outbox');
    expect(decided.outbox?.map((entry) => entry.topic)).to.deep.equal(['order.created']);
  });

  it('answers a retry with the same key and body as replayed, writing nothing', () => {
    expect(decideOrderPlacement({ idempotencyKey: 'k-1', requestFingerprint: 'f-1' }, keyed)).to.deep.equal({
      kind: 'none',
      result: { kind: 'replayed' },
    });
  });

  it('tells a reuse of the key for another body from a retry', () => {
    expect(decideOrderPlacement({ idempotencyKey: 'k-1', requestFingerprint: 'other' }, keyed)).to.deep.equal(
      {
        kind: 'none',
        result: { kind: 'key-reused' },
      },
    );
  });
});
