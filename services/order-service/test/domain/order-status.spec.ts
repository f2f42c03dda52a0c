import { expect } from 'chai';
import {
  decisionTransition,
  isTerminal,
  nextStatus,
  orderStatuses,
  orderTransitions,
  statusesAccepting,
  type OrderDecision,
  type OrderStatus,
} from '../../src/domain/order-status.ts';

describe('order status', () => {
  describe('nextStatus', () => {
    const table: [OrderStatus, OrderDecision, OrderStatus | undefined][] = [
      ['PENDING', 'confirm', 'CONFIRMED'],
      ['PENDING', 'cancel', 'CANCELLED'],
      ['CONFIRMED', 'confirm', undefined],
      ['CONFIRMED', 'cancel', undefined],
      ['CANCELLED', 'confirm', undefined],
      ['CANCELLED', 'cancel', undefined],
    ];
    for (const [from, decision, to] of table) {
      it(`${decision} moves a ${from} order ${to ? `to ${to}` : 'nowhere'}`, () => {
        expect(nextStatus(from, decision)).to.equal(to);
      });
    }
  });

  it('has CONFIRMED and CANCELLED as its only terminal statuses', () => {
    expect(orderStatuses.filter(isTerminal)).to.deep.equal(['CONFIRMED', 'CANCELLED']);
  });

  it('lets both decisions apply only to a PENDING order', () => {
    expect(statusesAccepting('confirm')).to.deep.equal(['PENDING']);
    expect(statusesAccepting('cancel')).to.deep.equal(['PENDING']);
  });

  it('turns each decision into one conditional update: from which statuses, to which one', () => {
    expect(decisionTransition('confirm')).to.deep.equal({ from: ['PENDING'], to: 'CONFIRMED' });
    expect(decisionTransition('cancel')).to.deep.equal({ from: ['PENDING'], to: 'CANCELLED' });
  });

  it('names a status for every status in its table', () => {
    expect(Object.keys(orderTransitions)).to.deep.equal([...orderStatuses]);
  });
});
