import { expect } from 'chai';
import { replyMessage, type ReservationFacts } from '../../src/domain/reply-message.ts';

const reservedAt = new Date('2025-03-04T10:00:01.000Z');
const now = new Date('2025-03-04T10:09:00.000Z');
const facts: ReservationFacts = {
  orderId: '6f1c1b52-93a4-4b8e-8a53-3d0f4f6a2c11',
  sagaId: 'c7d2e0a4-5b6f-4c1d-9e8a-7b6c5d4e3f21',
  reservationId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  failure: null,
  pricedLines: [{ sku: 'SKU-1', quantity: 3, unitPrice: { amountMinor: 250, currency: 'EUR' } }],
  total: { amountMinor: 750, currency: 'EUR' },
  reservedAt,
  failedAt: null,
  committedAt: null,
  releasedAt: null,
};
const ids = { orderId: facts.orderId, sagaId: facts.sagaId };

describe('replyMessage', () => {
  it('announces a reservation with its id and its priced lines and total, held until told (no expiry), at the time it was reserved', () => {
    expect(replyMessage('inventory.reserved', facts, now)).to.deep.equal({
      ...ids,
      reservationId: facts.reservationId,
      pricedLines: [{ sku: 'SKU-1', quantity: 3, unitPrice: { amountMinor: 250, currency: 'EUR' } }],
      total: { amountMinor: 750, currency: 'EUR' },
      expiresAt: null,
      reservedAt,
    });
  });

  it('reports a failure with its reason and the SKUs at fault', () => {
    const failedAt = new Date('2025-03-04T10:00:02.000Z');
    const failed = {
      ...facts,
      failure: { reason: 'OUT_OF_STOCK' as const, unavailableSkus: ['SKU-2'] },
      failedAt,
    };
    expect(replyMessage('inventory.failed', failed, now)).to.deep.equal({
      ...ids,
      reason: 'OUT_OF_STOCK',
      unavailableSkus: ['SKU-2'],
      failedAt,
    });
  });

  it('says the same when sent again: recorded times, not the time of sending', () => {
    const committedAt = new Date('2025-03-04T10:05:00.000Z');
    const first = replyMessage('inventory.completed', { ...facts, committedAt }, now);
    const again = replyMessage('inventory.completed', { ...facts, committedAt }, new Date());
    expect(again).to.deep.equal(first);
    expect(first).to.deep.equal({ ...ids, reservationId: facts.reservationId, committedAt });
  });

  it('uses the time of sending only for a time never recorded, as a release of a failed reservation', () => {
    expect(replyMessage('inventory.released', facts, now)).to.deep.equal({
      ...ids,
      reservationId: facts.reservationId,
      releasedAt: now,
    });
  });

  it('reports UNKNOWN with no SKU if asked for a failure that was never recorded', () => {
    expect(replyMessage('inventory.failed', facts, now)).to.include({ reason: 'UNKNOWN' });
    expect(replyMessage('inventory.failed', facts, now).unavailableSkus).to.deep.equal([]);
  });
});
