import { expect } from 'chai';
import type { Decision } from '@saga/service-kit';
import { decideOrder, type OrderDecisionCommand } from '../../src/domain/order-decision.ts';

const now = new Date('2026-01-02T03:04:05.000Z');
const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const confirm: OrderDecisionCommand = {
  decision: 'confirm',
  orderId: 'o-1',
  messageId: 'm-1',
  sagaId: 's-1',
  traceparent,
  record: { sagaId: 's-1' },
};
const cancel: OrderDecisionCommand = {
  decision: 'cancel',
  orderId: 'o-1',
  messageId: 'm-2',
  sagaId: 's-1',
  traceparent,
  record: { sagaId: 's-1', cancelReason: 'OUT_OF_STOCK', cancelDetail: 'BOOK-1' },
};

/** The outbox of an update decision: topic, key and value of each entry, in order. */
function sent(decided: Decision<unknown>) {
  if (decided.kind !== 'update') return [];
  return (decided.outbox ?? []).map(({ topic, key, value }) => ({ topic, key, value }));
}

describe('decideOrder', () => {
  it('confirms a PENDING order, guarded by the status it was decided on, and acknowledges it in the same write', () => {
    const decided = decideOrder({ status: 'PENDING' }, confirm, now);
    expect(decided).to.deep.include({
      kind: 'update',
      update: { $set: { sagaId: 's-1', status: 'CONFIRMED', updatedAt: now } },
      result: { kind: 'applied', status: 'CONFIRMED' },
      guard: { status: 'PENDING' },
    });
    expect(sent(decided)).to.deep.equal([
      {
        topic: 'order.confirmed',
        key: 'o-1',
        value: { orderId: 'o-1', sagaId: 's-1', acknowledgedConfirmAt: now },
      },
    ]);
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

  it('acknowledges a cancellation in the same write', () => {
    expect(sent(decideOrder({ status: 'PENDING' }, cancel, now))).to.deep.equal([
      {
        topic: 'order.cancelled',
        key: 'o-1',
        value: { orderId: 'o-1', sagaId: 's-1', acknowledgedCancelAt: now },
      },
    ]);
  });

  it('acknowledges again a command for an order it settled already, changing nothing else', () => {
    const confirmed = decideOrder({ status: 'CONFIRMED' }, confirm, now);
    expect(confirmed).to.deep.include({
      kind: 'update',
      update: { $set: { updatedAt: now } },
      result: { kind: 'acknowledged-again', status: 'CONFIRMED' },
      guard: { status: 'CONFIRMED' },
    });
    expect(sent(confirmed).map((entry) => entry.topic)).to.deep.equal(['order.confirmed']);
    expect(sent(decideOrder({ status: 'CANCELLED' }, cancel, now)).map((entry) => entry.topic)).to.deep.equal(
      ['order.cancelled'],
    );
  });

  it('changes and acknowledges nothing for an order settled the other way: the saga’s deadline brings a person in', () => {
    expect(decideOrder({ status: 'CONFIRMED' }, cancel, now)).to.deep.equal({
      kind: 'none',
      result: { kind: 'not-applicable', status: 'CONFIRMED' },
    });
    expect(decideOrder({ status: 'CANCELLED' }, confirm, now)).to.deep.equal({
      kind: 'none',
      result: { kind: 'not-applicable', status: 'CANCELLED' },
    });
  });

  it('changes nothing for an order that does not exist', () => {
    expect(decideOrder(null, confirm, now)).to.deep.equal({
      kind: 'none',
      result: { kind: 'unknown-order' },
    });
  });
});
