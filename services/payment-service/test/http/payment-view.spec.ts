import { expect } from 'chai';
import { paymentView } from '../../src/http/payment-view.ts';
import {
  later,
  orderId,
  paymentId,
  paymentRecord,
  refundId,
  requestedAt,
  sagaId,
} from '../support/payment-record.ts';

describe('paymentView', () => {
  it('shows a succeeded payment without failure fields, and without its outbox or message ids', () => {
    const view = paymentView(
      paymentRecord({
        status: 'SUCCEEDED',
        paidAt: later,
        processedMessageIds: ['m-1'],
      }),
    );
    expect(view).to.deep.equal({
      orderId,
      paymentId,
      sagaId,
      customerId: 'customer-42',
      status: 'SUCCEEDED',
      amount: { amountMinor: 2999, currency: 'EUR' },
      requestedAt,
      paidAt: later,
      createdAt: requestedAt,
      updatedAt: requestedAt,
    });
  });

  it('shows a failed payment’s reason and detail', () => {
    const view = paymentView(
      paymentRecord({ status: 'FAILED', reason: 'ACCOUNT_NOT_FOUND', detail: 'no account', failedAt: later }),
    );
    expect(view).to.include({
      status: 'FAILED',
      reason: 'ACCOUNT_NOT_FOUND',
      detail: 'no account',
      failedAt: later,
    });
    expect(view).not.to.have.property('paidAt');
  });

  it('shows a refund, with its time once done', () => {
    const refund = { refundId, sagaId, amount: { amountMinor: 2999, currency: 'EUR' }, requestedAt: later };
    expect(
      paymentView(
        paymentRecord({ status: 'REFUNDING', paidAt: later, refund: { ...refund, refundedAt: null } }),
      ).refund,
    ).to.deep.equal({ refundId, amount: refund.amount, requestedAt: later });
    expect(
      paymentView(
        paymentRecord({ status: 'REFUNDED', paidAt: later, refund: { ...refund, refundedAt: later } }),
      ).refund,
    ).to.deep.equal({ refundId, amount: refund.amount, requestedAt: later, refundedAt: later });
  });

  it('leaves out the customer of an order refunded before it was ever requested', () => {
    expect(paymentView(paymentRecord({ customerId: null }))).not.to.have.property('customerId');
  });
});
