import { expect } from 'chai';
import { IncompletePaymentError, outcomeReply, refundedReply } from '../../src/rules/payment-replies.ts';
import {
  later,
  orderId,
  paymentId,
  paymentRecord,
  refundId,
  requestedAt,
  sagaId,
} from '../support/payment-record.ts';

const otherSaga = '0f0e0d0c-0b0a-4908-8706-050403020100';

describe('payment replies', () => {
  describe('outcomeReply', () => {
    it('answers a succeeded payment with payment.success, naming the payment', () => {
      expect(outcomeReply(paymentRecord({ status: 'SUCCEEDED', paidAt: later }), sagaId)).to.deep.equal({
        topic: 'payment.success',
        value: { orderId, sagaId, paymentId, amount: { amountMinor: 2999, currency: 'EUR' }, paidAt: later },
      });
    });

    it('answers the saga asking, which may be another than the first', () => {
      const reply = outcomeReply(paymentRecord({ status: 'SUCCEEDED', paidAt: later }), otherSaga);
      expect(reply.value.sagaId).to.equal(otherSaga);
    });

    it('still answers success once the payment is refunded: the charge did happen', () => {
      for (const status of ['REFUNDING', 'REFUNDED'] as const) {
        expect(outcomeReply(paymentRecord({ status, paidAt: later }), sagaId).topic).to.equal(
          'payment.success',
        );
      }
    });

    it('answers a failed payment with payment.failed and its reason', () => {
      const failed = paymentRecord({
        status: 'FAILED',
        reason: 'INSUFFICIENT_FUNDS',
        detail: 'not enough',
        failedAt: later,
      });
      expect(outcomeReply(failed, sagaId)).to.deep.equal({
        topic: 'payment.failed',
        value: { orderId, sagaId, reason: 'INSUFFICIENT_FUNDS', detail: 'not enough', failedAt: later },
      });
    });

    it('has nothing to say for a PENDING payment', () => {
      expect(() => outcomeReply(paymentRecord(), sagaId)).to.throw(IncompletePaymentError, 'decision');
    });

    it('refuses a decided payment whose record lacks what its status requires', () => {
      expect(() => outcomeReply(paymentRecord({ status: 'SUCCEEDED' }), sagaId)).to.throw(
        IncompletePaymentError,
        'paidAt',
      );
      expect(() => outcomeReply(paymentRecord({ status: 'FAILED', failedAt: later }), sagaId)).to.throw(
        IncompletePaymentError,
        'reason',
      );
    });
  });

  describe('refundedReply', () => {
    const refund = {
      refundId,
      sagaId,
      amount: { amountMinor: 2999, currency: 'EUR' },
      requestedAt,
      refundedAt: later,
    };

    it('answers with the recorded refund: its id, its amount, its time', () => {
      expect(
        refundedReply(paymentRecord({ status: 'REFUNDED', paidAt: later, refund }), otherSaga),
      ).to.deep.equal({
        orderId,
        sagaId: otherSaga,
        paymentId,
        refundId,
        amount: { amountMinor: 2999, currency: 'EUR' },
        refundedAt: later,
      });
    });

    it('refuses a payment with no refund, or one not done yet', () => {
      expect(() => refundedReply(paymentRecord({ status: 'SUCCEEDED' }), sagaId)).to.throw(
        IncompletePaymentError,
        'refund',
      );
      expect(() =>
        refundedReply(
          paymentRecord({ status: 'REFUNDING', refund: { ...refund, refundedAt: null } }),
          sagaId,
        ),
      ).to.throw(IncompletePaymentError, 'refund.refundedAt');
    });
  });
});
