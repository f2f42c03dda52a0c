import { expect } from 'chai';
import { accountView } from '../../src/http/account-view.ts';
import type { AccountRecord } from '../../src/model/account.ts';
import { ledgerEntryId, type LedgerEntryRecord } from '../../src/model/ledger-entry.ts';

const customerId = 'customer-42';
const at = (minute: number) => new Date(Date.UTC(2024, 4, 6, 7, minute));
const account = (changes: Partial<AccountRecord> = {}): AccountRecord => ({
  _id: customerId,
  balance: 7000,
  currency: 'EUR',
  totals: { funded: 10_000, charged: 4000, refunded: 1000 },
  adjustments: [{ setTo: 10_000, delta: 10_000, at: at(0) }],
  charges: [],
  refunds: [],
  createdAt: at(0),
  updatedAt: at(9),
  ...changes,
});
const settledCharge = (orderId: string, minute: number, amountMinor = 1000): LedgerEntryRecord => ({
  _id: ledgerEntryId(customerId, orderId, 'charge'),
  customerId,
  orderId,
  kind: 'charge',
  paymentId: `payment-${orderId}`,
  amountMinor,
  at: at(minute),
});
const settledRefund = (orderId: string, minute: number): LedgerEntryRecord => ({
  _id: ledgerEntryId(customerId, orderId, 'refund'),
  customerId,
  orderId,
  kind: 'refund',
  refundId: `refund-${orderId}`,
  amountMinor: 1000,
  at: at(minute),
});

describe('accountView', () => {
  it('lists settled and unsettled charges and refunds together, oldest first, each of its kind', () => {
    const view = accountView(
      account({
        charges: [{ orderId: 'o4', paymentId: 'payment-o4', amountMinor: 1000, at: at(4) }],
        refunds: [{ orderId: 'o3', refundId: 'refund-o3', amountMinor: 1000, at: at(5) }],
      }),
      [settledCharge('o3', 3), settledCharge('o1', 1), settledCharge('o2', 2)],
    );
    expect(view.charges.map((c) => c.orderId)).to.deep.equal(['o1', 'o2', 'o3', 'o4']);
    expect(view.refunds).to.deep.equal([
      { orderId: 'o3', refundId: 'refund-o3', amountMinor: 1000, at: at(5) },
    ]);
    expect(view.charges[0]).to.deep.equal({
      orderId: 'o1',
      paymentId: 'payment-o1',
      amountMinor: 1000,
      at: at(1),
    });
  });

  it('shows an entry caught in both places (a crash during its settlement) once', () => {
    const unsettled = { orderId: 'o1', refundId: 'refund-o1', amountMinor: 1000, at: at(5) };
    const view = accountView(account({ refunds: [unsettled] }), [settledRefund('o1', 5)]);
    expect(view.refunds).to.have.length(1);
  });

  it('shows a second, different charge of a settled order beside it, as the totals count it', () => {
    const second = { orderId: 'o1', paymentId: 'payment-o1', amountMinor: 1000, at: at(7) };
    const view = accountView(account({ charges: [second] }), [settledCharge('o1', 1)]);
    expect(view.charges.map((c) => c.at)).to.deep.equal([at(1), at(7)]);
  });

  it('keeps the totals, adjustments and times of the account', () => {
    expect(accountView(account())).to.deep.include({
      customerId,
      balance: 7000,
      currency: 'EUR',
      totals: { funded: 10_000, charged: 4000, refunded: 1000, returnRefunded: 0 },
      status: 'OPEN',
      adjustments: [{ setTo: 10_000, delta: 10_000, at: at(0) }],
      charges: [],
      refunds: [],
      returnRefunds: [],
    });
  });
});
