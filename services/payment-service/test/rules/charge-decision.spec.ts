import { expect } from 'chai';
import mongoose from 'mongoose';
import {
  decideDebit,
  invalidCharge,
  type AccountState,
  type ChargeRequest,
} from '../../src/rules/charge-decision.ts';

const request: ChargeRequest = {
  customerId: 'customer-42',
  orderId: 'order-1',
  paymentId: 'payment-1',
  amount: { amountMinor: 2999, currency: 'EUR' },
};
const chargedAt = new Date('2024-05-06T07:08:09.123Z');
const now = new Date('2024-05-06T08:00:00.000Z');
const account = (changes: Partial<AccountState> = {}): AccountState => ({
  balance: 10_000,
  currency: 'EUR',
  charges: [],
  ...changes,
});

describe('charge decision', () => {
  describe('invalidCharge', () => {
    it('accepts a positive whole amount in an ISO 4217 currency', () => {
      expect(invalidCharge({ amountMinor: 2999, currency: 'EUR' })).to.equal(undefined);
    });

    it('accepts zero: an order of free items is paid by nothing', () => {
      expect(invalidCharge({ amountMinor: 0, currency: 'EUR' })).to.equal(undefined);
    });

    it('declines a negative amount, which a debit would turn into a credit', () => {
      expect(invalidCharge({ amountMinor: -1, currency: 'EUR' })).to.deep.equal({
        reason: 'PAYMENT_DECLINED',
        detail: 'the amount must be a whole, non-negative number of minor units, not -1',
      });
    });

    it('declines a fractional or unsafe amount', () => {
      expect(invalidCharge({ amountMinor: 12.5, currency: 'EUR' })?.reason).to.equal('PAYMENT_DECLINED');
      expect(invalidCharge({ amountMinor: 2 ** 60, currency: 'EUR' })?.reason).to.equal('PAYMENT_DECLINED');
    });

    it('declines a currency that is not an upper-case three-letter code', () => {
      for (const currency of ['eur', 'EURO', '', 'E1R']) {
        expect(invalidCharge({ amountMinor: 1, currency })).to.deep.equal({
          reason: 'PAYMENT_DECLINED',
          detail: `the currency must be an ISO 4217 code such as EUR, not "${currency}"`,
        });
      }
    });
  });

  describe('decideDebit', () => {
    it('takes the amount and pushes the order’s unsettled charge, guarded by funds, currency and no unsettled charge yet', () => {
      expect(decideDebit(account(), null, request, now)).to.deep.equal({
        kind: 'update',
        update: {
          $inc: { balance: -2999, 'totals.charged': 2999 },
          $push: { charges: { orderId: 'order-1', paymentId: 'payment-1', amountMinor: 2999, at: now } },
          $set: { currency: 'EUR' },
        },
        result: { kind: 'charged', at: now },
        guard: {
          // Operators the code wrote, marked so the connection's sanitizeFilter runs them.
          balance: mongoose.trusted({ $gte: 2999 }),
          currency: mongoose.trusted({ $in: ['EUR', null] }),
          $nor: [{ 'charges.orderId': 'order-1' }],
        },
      });
    });

    it('charges an account with no currency yet, which the charge fixes', () => {
      const decided = decideDebit(account({ currency: null }), null, request, now);
      expect(decided.kind === 'update' && decided.update.$set).to.deep.equal({ currency: 'EUR' });
    });

    it('charges exactly the whole balance', () => {
      expect(decideDebit(account({ balance: 2999 }), null, request, now).kind).to.equal('update');
    });

    it('writes nothing for an order already charged (a crash after the debit), whatever the balance is now', () => {
      const charged = account({ balance: 0, charges: [{ orderId: 'order-1', at: chargedAt }] });
      expect(decideDebit(charged, null, request, now)).to.deep.equal({
        kind: 'none',
        result: { kind: 'charged', at: chargedAt },
      });
    });

    it('writes nothing for an order whose charge is settled in ledger_entries, though the account holds none', () => {
      expect(decideDebit(account({ balance: 0 }), { at: chargedAt }, request, now)).to.deep.equal({
        kind: 'none',
        result: { kind: 'charged', at: chargedAt },
      });
    });

    it('reports a settled charge as paid even when the account is gone (removed by hand)', () => {
      expect(decideDebit(null, { at: chargedAt }, request, now).result).to.deep.equal({
        kind: 'charged',
        at: chargedAt,
      });
    });

    it('does not take another order’s charge for this one', () => {
      const other = account({ balance: 0, charges: [{ orderId: 'order-2', at: chargedAt }] });
      expect(decideDebit(other, null, request, now)).to.deep.include({ kind: 'none' });
      expect(decideDebit(other, null, request, now).result).to.have.property('kind', 'declined');
    });

    it('declines with ACCOUNT_NOT_FOUND when the customer has no account', () => {
      expect(decideDebit(null, null, request, now)).to.deep.equal({
        kind: 'none',
        result: {
          kind: 'declined',
          decline: { reason: 'ACCOUNT_NOT_FOUND', detail: 'customer customer-42 has no account' },
        },
      });
    });

    it('declines an invalid amount before looking at the account', () => {
      const decided = decideDebit(
        null,
        null,
        { ...request, amount: { amountMinor: -5, currency: 'EUR' } },
        now,
      );
      expect(decided).to.deep.include({ kind: 'none' });
      expect(decided.result).to.deep.include({ kind: 'declined' });
      expect(decided.result).to.have.nested.property('decline.reason', 'PAYMENT_DECLINED');
    });

    it('declines a charge in another currency than the account’s with PAYMENT_DECLINED', () => {
      expect(decideDebit(account({ currency: 'USD' }), null, request, now)).to.deep.equal({
        kind: 'none',
        result: {
          kind: 'declined',
          decline: {
            reason: 'PAYMENT_DECLINED',
            detail: 'the account of customer customer-42 holds USD, the payment is in EUR',
          },
        },
      });
    });

    it('declines with INSUFFICIENT_FUNDS when the balance is below the amount', () => {
      expect(decideDebit(account({ balance: 2998 }), null, request, now)).to.deep.equal({
        kind: 'none',
        result: {
          kind: 'declined',
          decline: {
            reason: 'INSUFFICIENT_FUNDS',
            detail: 'the balance of 2998 EUR minor units is less than the 2999 asked',
          },
        },
      });
    });

    it('checks the funds of an account with no currency yet too', () => {
      const decided = decideDebit(account({ currency: null, balance: 5 }), null, request, now);
      expect(decided.result).to.have.nested.property('decline.reason', 'INSUFFICIENT_FUNDS');
    });
  });
});
