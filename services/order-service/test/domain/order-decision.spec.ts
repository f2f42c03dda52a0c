import { expect } from 'chai';
import { decideOrder, type OrderDecisionCommand } from '../../src/domain/order-decision.ts';

const now = new Date('2026-01-02T03:04:05.000Z');
const confirm: OrderDecisionCommand = {
  decision: 'confirm',
  orderId: 'o-1',
  messageId: 'm-1',
  record: { sagaId: 's-1' },
};
const cancel: OrderDecisionCommand = {
  decision: 'cancel',
  orderId: 'o-1',
  messageId: 'm-2',
  record: { sagaId: 's-1', cancelReason: 'OUT_OF_STOCK', cancelDetail: 'BOOK-1' },
};

describe('decideOrder', () => {
  it('confirms a PENDING order, guarded by the status it was decided on', () => {
    expect(decideOrder({ status: 'PENDING' }, confirm, now)).to.deep.equal({
      kind: 'update',
      update: { $set: { sagaId: 's-1', status: 'CONFIRMED', updatedAt: now } },
      result: { kind: 'applied', status: 'CONFIRMED' },
      guard: { status: 'PENDING' },
    });
  });

  it('confirms with the priced lines and the total the saga charged', () => {
    const pricedLines = [{ sku: 'BOOK-1', quantity: 2, unitPrice: 1250 }];
    const priced = { ...confirm, record: { sagaId: 's-1', pricedLines, total: 2500 } };
    expect(decideOrder({ status: 'PENDING' }, priced, now)).to.have.deep.nested.property('update.$set', {
      sagaId: 's-1',
      pricedLines,
      total: 2500,
      status: 'CONFIRMED',
      updatedAt: now,
    });
  });

  it('cancels a PENDING order with its reason and detail', () => {
    const decided = decideOrder({ status: 'PENDING' }, cancel, now);
    expect(decided).to.deep.include({ kind: 'update', result: { kind: 'applied', status: 'CANCELLED' } });
    expect(decided.kind === 'update' && decided.update).to.deep.equal({
      $set: {
        sagaId: 's-1',
        cancelReason: 'OUT_OF_STOCK',
        cancelDetail: 'BOOK-1',
        status: 'CANCELLED',
        updatedAt: now,
      },
    });
  });

  it('changes nothing for a settled order, whichever way it was settled', () => {
    for (const status of ['CONFIRMED', 'CANCELLED'] as const) {
      for (const command of [confirm, cancel]) {
        expect(decideOrder({ status }, command, now)).to.deep.equal({
          kind: 'none',
          result: { kind: 'not-applicable', status },
        });
      }
    }
  });

  it('changes nothing for an order that does not exist', () => {
    expect(decideOrder(null, confirm, now)).to.deep.equal({
      kind: 'none',
      result: { kind: 'unknown-order' },
    });
  });
});
