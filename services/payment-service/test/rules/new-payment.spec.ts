import { expect } from 'chai';
import { topicSamples } from '@saga/contracts/testing';
import { cancelledPayment, pendingPayment } from '../../src/rules/new-payment.ts';
import { later } from '../support/payment-record.ts';

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
});
