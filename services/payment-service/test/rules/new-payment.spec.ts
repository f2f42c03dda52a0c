import { expect } from 'chai';
import { topicSamples } from '@saga/contracts/testing';
import { cancelledPayment, decideOpening, pendingPayment } from '../../src/rules/new-payment.ts';
import { later, paymentRecord } from '../support/payment-record.ts';

describe('new payments', () => {
  it('opens a request’s payment as PENDING, keyed by the order, with the given payment id', () => {
    const request = topicSamples['payment.request'];
    expect(pendingPayment(request, 'the-payment-id')).to.deep.equal({
      _id: request.orderId,
      paymentId: 'the-payment-id',
      sagaId: request.sagaId,
      customerId: request.customerId,
      amount: request.amount,
      status: 'PENDING',
      reason: null,
      detail: null,
      requestedAt: request.requestedAt,
      failedAt: null,
    });
  });

  it('records an order refunded before any request as FAILED for good, with no customer', () => {
    const command = topicSamples['payment.refund'];
    expect(cancelledPayment(command, later)).to.deep.equal({
      _id: command.orderId,
      paymentId: command.paymentId,
      sagaId: command.sagaId,
      customerId: null,
      amount: command.amount,
      status: 'FAILED',
      reason: 'PAYMENT_DECLINED',
      detail: 'a refund for this order came before any payment request; the order is never charged',
      requestedAt: command.requestedAt,
      failedAt: later,
    });
  });

  describe('decideOpening', () => {
    const fresh = pendingPayment(topicSamples['payment.request'], 'the-payment-id');

    it('inserts the fresh payment when the order has none', () => {
      expect(decideOpening(null, fresh)).to.deep.equal({
        kind: 'insert',
        document: fresh,
        outbox: [],
        result: 'opened',
      });
    });

    it('leaves a stored payment as it is, whatever its status', () => {
      for (const status of ['PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED'] as const) {
        expect(decideOpening(paymentRecord({ status }), fresh)).to.deep.equal({
          kind: 'none',
          result: 'found',
        });
      }
    });
  });
});
