import { expect } from 'chai';
import mongoose from 'mongoose';
import {
  decideRequestAnswer,
  decideSettlement,
  UndebitedPaymentError,
} from '../../src/rules/request-decision.ts';
import { decisionView, traceOf, untraced } from '../support/decision-view.ts';
import { later, orderId, paymentId, paymentRecord, requestedAt, sagaId } from '../support/payment-record.ts';

const askingSaga = '0f0e0d0c-0b0a-4908-8706-050403020100';
const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const asking = { sagaId: askingSaga, traceparent };
const now = new Date('2024-05-06T08:00:00.000Z');
const amount = { amountMinor: 2999, currency: 'EUR' };
const charged = { kind: 'charged', at: later } as const;
const declined = {
  kind: 'declined',
  decline: { reason: 'INSUFFICIENT_FUNDS', detail: 'not enough' },
} as const;

describe('request decision', () => {
  describe('decideSettlement (the sweep, or a refund finding its payment PENDING)', () => {
    it('moves a PENDING payment whose debit happened to SUCCEEDED and answers its own saga with success', () => {
      const decided = decisionView(decideSettlement(paymentRecord(), charged, { sagaId }, now));
      expect(decided).to.deep.include({
        kind: 'update',
        update: { $set: { status: 'SUCCEEDED', paidAt: later } },
        result: { kind: 'settled', status: 'SUCCEEDED' },
        guard: { status: 'PENDING' },
      });
      // No message to follow: the reply starts a trace of its own.
      expect(untraced(decided.outbox)).to.deep.equal([
        {
          topic: 'payment.success',
          key: orderId,
          value: { orderId, sagaId, paymentId, amount, paidAt: later },
        },
      ]);
    });

    it('moves a PENDING payment whose debit was declined to FAILED, with the reason, and answers payment.failed', () => {
      expect(decisionView(decideSettlement(paymentRecord(), declined, asking, now))).to.deep.equal({
        kind: 'update',
        update: {
          $set: { status: 'FAILED', reason: 'INSUFFICIENT_FUNDS', detail: 'not enough', failedAt: now },
        },
        result: { kind: 'settled', status: 'FAILED' },
        guard: { status: 'PENDING' },
        outbox: [
          {
            topic: 'payment.failed',
            key: orderId,
            value: {
              orderId,
              sagaId: askingSaga,
              reason: 'INSUFFICIENT_FUNDS',
              detail: 'not enough',
              failedAt: now,
            },
            trace: traceOf(traceparent),
          },
        ],
      });
    });

    it('leaves a payment decided before as it is, answering nobody', () => {
      for (const status of ['SUCCEEDED', 'FAILED', 'REFUNDING', 'REFUNDED'] as const) {
        expect(decideSettlement(paymentRecord({ status }), charged, { sagaId }, now)).to.deep.equal({
          kind: 'none',
          result: { kind: 'decided-before', status },
        });
      }
    });
  });

  describe('decideRequestAnswer (payment.request)', () => {
    it('settles a PENDING payment with its debit, answering the saga asking in its trace', () => {
      const decided = decisionView(decideRequestAnswer(paymentRecord(), charged, asking, now));
      expect(decided).to.deep.include({
        kind: 'update',
        update: { $set: { status: 'SUCCEEDED', paidAt: later } },
        result: { kind: 'settled', status: 'SUCCEEDED' },
        guard: { status: 'PENDING' },
      });
      expect(decided.outbox).to.deep.equal([
        {
          topic: 'payment.success',
          key: orderId,
          value: { orderId, sagaId: askingSaga, paymentId, amount, paidAt: later },
          trace: traceOf(traceparent),
        },
      ]);
    });

    it('answers a paid order with the same success, writing only the reply, without a debit', () => {
      const paid = paymentRecord({ status: 'SUCCEEDED', paidAt: later });
      expect(decisionView(decideRequestAnswer(paid, null, asking, now))).to.deep.equal({
        kind: 'update',
        update: {},
        result: { kind: 'repeated', status: 'SUCCEEDED' },
        guard: { status: mongoose.trusted({ $ne: 'PENDING' }) },
        outbox: [
          {
            topic: 'payment.success',
            key: orderId,
            value: { orderId, sagaId: askingSaga, paymentId, amount, paidAt: later },
            trace: traceOf(traceparent),
          },
        ],
      });
    });

    it('still answers success for a refunded order: the charge did happen', () => {
      for (const status of ['REFUNDING', 'REFUNDED'] as const) {
        const decided = decisionView(
          decideRequestAnswer(paymentRecord({ status, paidAt: later }), null, asking, now),
        );
        expect(decided.result).to.deep.equal({ kind: 'repeated', status });
        expect(decided.outbox?.map((e) => e.topic)).to.deep.equal(['payment.success']);
      }
    });

    it('answers a failed order with the same failure, even when a debit would now succeed', () => {
      const failed = paymentRecord({
        status: 'FAILED',
        reason: 'INSUFFICIENT_FUNDS',
        detail: 'not enough',
        failedAt: requestedAt,
      });
      const decided = decisionView(decideRequestAnswer(failed, charged, asking, now));
      expect(decided.result).to.deep.equal({ kind: 'repeated', status: 'FAILED' });
      expect(decided.outbox?.[0]?.value).to.deep.equal({
        orderId,
        sagaId: askingSaga,
        reason: 'INSUFFICIENT_FUNDS',
        detail: 'not enough',
        failedAt: requestedAt,
      });
    });

    it('refuses to answer a PENDING payment no debit was decided for', () => {
      expect(() => decideRequestAnswer(paymentRecord(), null, asking, now)).to.throw(UndebitedPaymentError);
    });
  });
});
