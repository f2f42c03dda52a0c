import { expect } from 'chai';
import {
  IllegalPaymentTransitionError,
  paymentStatuses,
  paymentTransitions,
  statusMove,
  unfinishedStatuses,
  wasCharged,
} from '../../src/rules/payment-status.ts';

describe('payment status', () => {
  describe('paymentTransitions', () => {
    it('decides a PENDING payment one way or the other', () => {
      expect(paymentTransitions.PENDING).to.deep.equal(['SUCCEEDED', 'FAILED']);
    });

    it('refunds only a succeeded payment, through REFUNDING', () => {
      expect(paymentTransitions.SUCCEEDED).to.deep.equal(['REFUNDING']);
      expect(paymentTransitions.REFUNDING).to.deep.equal(['REFUNDED']);
    });

    it('ends at FAILED and REFUNDED', () => {
      expect(paymentTransitions.FAILED).to.deep.equal([]);
      expect(paymentTransitions.REFUNDED).to.deep.equal([]);
    });

    it('never leads back to PENDING', () => {
      for (const status of paymentStatuses) expect(paymentTransitions[status]).not.to.include('PENDING');
    });
  });

  describe('statusMove', () => {
    it('is a compare-and-set: the filter holds the old status, the update the new one', () => {
      expect(statusMove('PENDING', 'SUCCEEDED')).to.deep.equal({
        filter: { status: 'PENDING' },
        set: { status: 'SUCCEEDED' },
      });
    });

    it('refuses a move the table does not list, with a coded, non-retriable error', () => {
      const move = () => statusMove('FAILED', 'REFUNDING');
      expect(move).to.throw(IllegalPaymentTransitionError, 'from FAILED to REFUNDING');
      try {
        move();
      } catch (error) {
        expect(error).to.include({ code: 'ILLEGAL_PAYMENT_TRANSITION', retriable: false });
      }
    });

    it('refuses to undo a decision', () => {
      expect(() => statusMove('SUCCEEDED', 'FAILED')).to.throw(IllegalPaymentTransitionError);
      expect(() => statusMove('REFUNDED', 'SUCCEEDED')).to.throw(IllegalPaymentTransitionError);
    });
  });

  it('lists PENDING and REFUNDING as what a crash can leave halfway', () => {
    expect(unfinishedStatuses).to.deep.equal(['PENDING', 'REFUNDING']);
  });

  it('counts a payment as charged from SUCCEEDED on, through its refund', () => {
    expect(paymentStatuses.filter(wasCharged)).to.deep.equal(['SUCCEEDED', 'REFUNDING', 'REFUNDED']);
  });
});
