import { expect } from 'chai';
import { LedgerInconsistencyError } from '../../src/errors/ledger-inconsistency-error.ts';
import {
  decideCredit,
  type CreditRequest,
  type SettledOrderEntries,
} from '../../src/rules/credit-decision.ts';

const request: CreditRequest = {
  customerId: 'customer-42',
  orderId: 'order-1',
  refundId: 'refund-1',
  amountMinor: 2999,
};
const chargedAt = new Date('2024-05-06T07:08:09.123Z');
const refundedAt = new Date('2024-05-06T07:30:00.000Z');
const now = new Date('2024-05-06T08:00:00.000Z');
const nothingSettled: SettledOrderEntries = { charge: null, refund: null };
const chargeSettled: SettledOrderEntries = { charge: { at: chargedAt }, refund: null };

describe('decideCredit', () => {
  it('gives the charge back and pushes the order’s unsettled refund, guarded by no unsettled refund yet', () => {
    const account = { charges: [{ orderId: 'order-1' }], refunds: [] };
    expect(decideCredit(account, nothingSettled, request, now)).to.deep.equal({
      kind: 'update',
      update: {
        $inc: { balance: 2999, 'totals.refunded': 2999 },
        $push: { refunds: { orderId: 'order-1', refundId: 'refund-1', amountMinor: 2999, at: now } },
      },
      result: now,
      guard: { $nor: [{ 'refunds.orderId': 'order-1' }] },
    });
  });

  it('credits an order whose charge is settled in ledger_entries, no longer in the account', () => {
    const account = { charges: [], refunds: [] };
    const decided = decideCredit(account, chargeSettled, request, now);
    expect(decided).to.deep.include({ kind: 'update', result: now });
  });

  it('credits one order beside others’ charges and refunds', () => {
    const account = {
      charges: [{ orderId: 'order-0' }, { orderId: 'order-1' }, { orderId: 'order-2' }],
      refunds: [{ orderId: 'order-0', at: refundedAt }],
    };
    expect(decideCredit(account, nothingSettled, request, now).kind).to.equal('update');
  });

  it('writes nothing for an order refunded before, unsettled, and says when that was', () => {
    const account = { charges: [{ orderId: 'order-1' }], refunds: [{ orderId: 'order-1', at: refundedAt }] };
    expect(decideCredit(account, nothingSettled, request, now)).to.deep.equal({
      kind: 'none',
      result: refundedAt,
    });
  });

  it('writes nothing for an order whose refund is settled in ledger_entries, and says when that was', () => {
    const account = { charges: [], refunds: [] };
    const settled = { charge: { at: chargedAt }, refund: { at: refundedAt } };
    expect(decideCredit(account, settled, request, now)).to.deep.equal({ kind: 'none', result: refundedAt });
  });

  it('refuses to refund an order the account never paid for, settled or not', () => {
    const account = { charges: [{ orderId: 'order-2' }], refunds: [] };
    expect(() => decideCredit(account, nothingSettled, request, now))
      .to.throw(LedgerInconsistencyError)
      .with.property('problem', 'a refund was asked for, but the account never paid for the order');
  });

  it('refuses to refund into an account that does not exist', () => {
    expect(() => decideCredit(null, chargeSettled, request, now))
      .to.throw(LedgerInconsistencyError)
      .that.includes({
        code: 'LEDGER_INCONSISTENT',
        retriable: false,
        problem: 'the account does not exist',
      });
  });
});
