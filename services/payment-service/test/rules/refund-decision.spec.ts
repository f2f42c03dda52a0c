import { expect } from 'chai';
import mongoose from 'mongoose';
import type { RefundRecord } from '../../src/model/payment.ts';
import { IncompletePaymentError } from '../../src/rules/payment-replies.ts';
import {
  decideRefundAnswer,
  decideRefundCompletion,
  decideRefundStart,
  refundAsksOtherwise,
  UnrefundablePaymentError,
} from '../../src/rules/refund-decision.ts';
import { decisionView, traceOf, untraced } from '../support/decision-view.ts';
import {
  later,
  orderId,
  paymentId,
  paymentRecord,
  refundId,
  requestedAt,
  sagaId,
} from '../support/payment-record.ts';

const askingSaga = '0f0e0d0c-0b0a-4908-8706-050403020100';
const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const asking = { sagaId: askingSaga, traceparent };
const now = new Date('2024-05-06T08:00:00.000Z');
const creditedAt = new Date('2024-05-06T07:59:00.000Z');
const commandAt = new Date('2024-05-06T07:58:00.000Z');
const asked = { command: { requestedAt: commandAt }, refundId: 'new-refund-id', now };
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

const refund = (changes: Partial<RefundRecord> = {}): RefundRecord => ({
  refundId,
  sagaId,
  amount: eur(2999),
  requestedAt,
  refundedAt: null,
  ...changes,
});
const refunding = () => paymentRecord({ status: 'REFUNDING', paidAt: later, refund: refund() });
const refunded = () =>
  paymentRecord({ status: 'REFUNDED', paidAt: later, refund: refund({ refundedAt: creditedAt }) });
const failed = (changes = {}) =>
  paymentRecord({
    status: 'FAILED',
    reason: 'INSUFFICIENT_FUNDS',
    detail: 'not enough',
    failedAt: later,
    ...changes,
  });

describe('refund decision', () => {
  describe('refundAsksOtherwise', () => {
    it('is false for a command naming the payment and its amount', () => {
      expect(refundAsksOtherwise(paymentRecord(), { paymentId, amount: eur(2999) })).to.equal(false);
    });

    it('is true for another payment id, amount or currency', () => {
      expect(refundAsksOtherwise(paymentRecord(), { paymentId: 'other', amount: eur(2999) })).to.equal(true);
      expect(refundAsksOtherwise(paymentRecord(), { paymentId, amount: eur(1) })).to.equal(true);
      expect(
        refundAsksOtherwise(paymentRecord(), { paymentId, amount: { amountMinor: 2999, currency: 'USD' } }),
      ).to.equal(true);
    });
  });

  describe('decideRefundStart', () => {
    it('records the whole charge as the refund and moves a SUCCEEDED payment to REFUNDING, replying nothing yet', () => {
      const started = refund({ refundId: 'new-refund-id', sagaId: askingSaga, requestedAt: commandAt });
      expect(
        decideRefundStart(paymentRecord({ status: 'SUCCEEDED', paidAt: later }), asked, asking),
      ).to.deep.equal({
        kind: 'update',
        update: { $set: { status: 'REFUNDING', refund: started } },
        result: { kind: 'begun', refund: started },
        guard: { status: 'SUCCEEDED' },
      });
    });

    it('starts nothing for a payment in any other status', () => {
      for (const status of ['PENDING', 'FAILED', 'REFUNDING', 'REFUNDED'] as const) {
        expect(decideRefundStart(paymentRecord({ status }), asked, asking)).to.deep.equal({
          kind: 'none',
          result: { kind: 'not-charged', status },
        });
      }
    });
  });

  describe('decideRefundCompletion (the sweep)', () => {
    it('moves a REFUNDING payment to REFUNDED when credited, answering the saga that asked for the refund', () => {
      const decided = decisionView(decideRefundCompletion(refunding(), creditedAt, { sagaId }));
      expect(decided).to.deep.include({
        kind: 'update',
        update: { $set: { status: 'REFUNDED', 'refund.refundedAt': creditedAt } },
        result: { kind: 'refunded', refund: refund({ refundedAt: creditedAt }) },
        guard: { status: 'REFUNDING' },
      });
      expect(untraced(decided.outbox)).to.deep.equal([
        {
          topic: 'payment.refunded',
          key: orderId,
          value: { orderId, sagaId, paymentId, refundId, amount: eur(2999), refundedAt: creditedAt },
        },
      ]);
    });

    it('leaves a payment finished before as it is', () => {
      expect(decideRefundCompletion(refunded(), creditedAt, { sagaId })).to.deep.equal({
        kind: 'none',
        result: { kind: 'finished-before', status: 'REFUNDED' },
      });
    });
  });

  describe('decideRefundAnswer (payment.refund)', () => {
    it('finishes a REFUNDING payment with its credit, answering the saga asking in its trace', () => {
      const decided = decisionView(decideRefundAnswer(refunding(), creditedAt, asked, asking));
      expect(decided).to.deep.include({
        update: { $set: { status: 'REFUNDED', 'refund.refundedAt': creditedAt } },
        result: { kind: 'refunded', refund: refund({ refundedAt: creditedAt }) },
        guard: { status: 'REFUNDING' },
      });
      expect(decided.outbox).to.deep.equal([
        {
          topic: 'payment.refunded',
          key: orderId,
          value: {
            orderId,
            sagaId: askingSaga,
            paymentId,
            refundId,
            amount: eur(2999),
            refundedAt: creditedAt,
          },
          trace: traceOf(traceparent),
        },
      ]);
    });

    it('answers a refunded payment with the same refund, writing only the reply', () => {
      expect(decisionView(decideRefundAnswer(refunded(), null, asked, asking))).to.deep.equal({
        kind: 'update',
        update: {},
        result: { kind: 'repeated', refund: refund({ refundedAt: creditedAt }) },
        guard: { 'refund.refundId': refundId, 'refund.refundedAt': mongoose.trusted({ $ne: null }) },
        outbox: [
          {
            topic: 'payment.refunded',
            key: orderId,
            value: {
              orderId,
              sagaId: askingSaga,
              paymentId,
              refundId,
              amount: eur(2999),
              refundedAt: creditedAt,
            },
            trace: traceOf(traceparent),
          },
        ],
      });
    });

    it('answers a FAILED payment with a refund of 0 in its currency, recorded with a new id', () => {
      const zero = refund({
        refundId: 'new-refund-id',
        sagaId: askingSaga,
        amount: eur(0),
        requestedAt: commandAt,
        refundedAt: now,
      });
      expect(decisionView(decideRefundAnswer(failed(), null, asked, asking))).to.deep.equal({
        kind: 'update',
        update: { $set: { refund: zero } },
        result: { kind: 'nothing-taken', refund: zero },
        guard: { status: 'FAILED', refund: null },
        outbox: [
          {
            topic: 'payment.refunded',
            key: orderId,
            value: {
              orderId,
              sagaId: askingSaga,
              paymentId,
              refundId: 'new-refund-id',
              amount: eur(0),
              refundedAt: now,
            },
            trace: traceOf(traceparent),
          },
        ],
      });
    });

    it('answers a FAILED payment whose refund of 0 is recorded with that same refund again', () => {
      const zero = refund({ amount: eur(0), refundedAt: creditedAt });
      const decided = decideRefundAnswer(failed({ refund: zero }), null, asked, asking);
      expect(decided.result).to.deep.equal({ kind: 'repeated', refund: zero });
    });

    it('refuses a payment not taken as far as a refund goes, or a REFUNDING one without its credit', () => {
      for (const status of ['PENDING', 'SUCCEEDED'] as const) {
        expect(() => decideRefundAnswer(paymentRecord({ status }), creditedAt, asked, asking)).to.throw(
          UnrefundablePaymentError,
        );
      }
      expect(() => decideRefundAnswer(refunding(), null, asked, asking)).to.throw(UnrefundablePaymentError);
    });

    it('refuses a REFUNDED payment that has no refund recorded: the document is broken', () => {
      expect(() =>
        decideRefundAnswer(paymentRecord({ status: 'REFUNDED', paidAt: later }), null, asked, asking),
      ).to.throw(IncompletePaymentError);
    });
  });
});
