import { expect } from 'chai';
import type { AccountRecord } from '../../src/model/account.ts';
import type { PaymentRecord } from '../../src/model/payment.ts';
import {
  decideReturnCredit,
  decideReturnRefunded,
  returnRefundRefusal,
} from '../../src/returns/return-refund-decision.ts';

const orderId = '6f1c1b52-93a4-4b8e-8a53-3d0f4f6a2c11';
const returnId = '3c4d5e6f-7081-4293-a4b5-c6d7e8f90a1b';
const refundId = '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901';
const now = new Date('2025-06-07T09:00:00.000Z');
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

const payment = {
  _id: orderId,
  customerId: 'alice',
  status: 'SUCCEEDED',
  amount: eur(2999),
  returnRefunds: [],
} as unknown as PaymentRecord;

const account = {
  _id: 'alice',
  balance: 1000,
  returnRefunds: [],
} as unknown as AccountRecord;

const credit = { orderId, returnId, refundId, amountMinor: 1250 };

describe('a return’s refund', () => {
  it('may be paid from a SUCCEEDED payment, within what it charged, in its currency', () => {
    expect(returnRefundRefusal(payment, { returnId, amount: eur(1250) })).to.equal(null);
  });

  it('is refused past what the payment charged, counting the returns refunded before', () => {
    const refundedBefore = {
      ...payment,
      returnRefunds: [{ returnId: 'other', refundId, sagaId: 's', amount: eur(2000), refundedAt: now }],
    };
    expect(returnRefundRefusal(refundedBefore, { returnId, amount: eur(1000) })).to.deep.include({
      reason: 'MORE_THAN_CHARGED',
    });
  });

  it('is refused for a payment that took nothing, or was refunded whole', () => {
    expect(
      returnRefundRefusal({ ...payment, status: 'REFUNDED' }, { returnId, amount: eur(1) }),
    ).to.deep.include({
      reason: 'NOT_PAID',
    });
    expect(returnRefundRefusal(null, { returnId, amount: eur(1) })).to.deep.include({ reason: 'NOT_PAID' });
  });

  it('is credited to an open account once, with its marker, guarded by the marker’s absence', () => {
    const made = decideReturnCredit(account, credit, now);
    expect(made.kind).to.equal('update');
    if (made.kind !== 'update') return;
    expect(made.update).to.deep.include({ $inc: { balance: 1250, 'totals.returnRefunded': 1250 } });
    expect(made.result).to.deep.equal({ kind: 'credited', at: now });
    const again = decideReturnCredit({ ...account, returnRefunds: [{ ...credit, at: now }] }, credit, now);
    expect(again).to.deep.equal({ kind: 'none', result: { kind: 'credited-before', at: now } });
  });

  it('is refused by a closed account, nothing moving', () => {
    expect(decideReturnCredit({ ...account, status: 'CLOSED' }, credit, now)).to.deep.equal({
      kind: 'none',
      result: { kind: 'refused', reason: 'ACCOUNT_CLOSED' },
    });
  });

  it('is recorded in the payment once, answered payment.return-refunded, and answered again the same', () => {
    const refund = { returnId, refundId, sagaId: 's1', amount: eur(1250), refundedAt: now };
    const to = { sagaId: 's1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    const first = decideReturnRefunded(payment, refund, to);
    expect(first.kind === 'update' && first.outbox?.[0]?.topic).to.equal('payment.return-refunded');
    expect(first.result).to.equal('recorded');
    const recorded = { ...payment, returnRefunds: [refund] };
    const again = decideReturnRefunded(recorded, { ...refund, refundedAt: new Date(0) }, to);
    expect(again.result).to.equal('answered-again');
    expect(again.kind === 'update' && again.update).to.deep.equal({});
    expect(again.kind === 'update' && again.outbox?.[0]?.value).to.deep.include({
      refundId,
      refundedAt: now,
    });
  });
});
