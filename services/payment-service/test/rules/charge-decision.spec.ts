import { expect } from 'chai';
import {
  explainMissedDebit,
  invalidCharge,
  type AccountState,
  type ChargeRequest,
} from '../../src/rules/charge-decision.ts';

const request: ChargeRequest = {
  customerId: 'customer-42',
  orderId: 'order-1',
  amount: { amountMinor: 2999, currency: 'EUR' },
};
const chargedAt = new Date('2024-05-06T07:08:09.123Z');
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

  describe('explainMissedDebit', () => {
    it('declines with ACCOUNT_NOT_FOUND when the customer has no account', () => {
      expect(explainMissedDebit(null, request)).to.deep.equal({
        kind: 'declined',
        decline: { reason: 'ACCOUNT_NOT_FOUND', detail: 'customer customer-42 has no account' },
      });
    });

    it('finds the order already charged (a crash after the debit), whatever the balance is now', () => {
      const charged = account({ balance: 0, charges: [{ orderId: 'order-1', at: chargedAt }] });
      expect(explainMissedDebit(charged, request)).to.deep.equal({ kind: 'already-charged', at: chargedAt });
    });

    it('does not take another order’s charge for this one', () => {
      const other = account({ balance: 0, charges: [{ orderId: 'order-2', at: chargedAt }] });
      expect(explainMissedDebit(other, request).kind).to.equal('declined');
    });

    it('declines a charge in another currency than the account’s with PAYMENT_DECLINED', () => {
      expect(explainMissedDebit(account({ currency: 'USD' }), request)).to.deep.equal({
        kind: 'declined',
        decline: {
          reason: 'PAYMENT_DECLINED',
          detail: 'the account of customer customer-42 holds USD, the payment is in EUR',
        },
      });
    });

    it('declines with INSUFFICIENT_FUNDS when the balance is below the amount', () => {
      expect(explainMissedDebit(account({ balance: 2998 }), request)).to.deep.equal({
        kind: 'declined',
        decline: {
          reason: 'INSUFFICIENT_FUNDS',
          detail: 'the balance of 2998 EUR minor units is less than the 2999 asked',
        },
      });
    });

    it('checks the funds of an account with no currency yet too', () => {
      const explained = explainMissedDebit(account({ currency: null, balance: 5 }), request);
      expect(explained.kind === 'declined' && explained.decline.reason).to.equal('INSUFFICIENT_FUNDS');
    });

    it('calls it a race when the account as read now would have been debited', () => {
      expect(explainMissedDebit(account({ balance: 2999 }), request)).to.deep.equal({ kind: 'raced' });
      expect(explainMissedDebit(account({ currency: null }), request)).to.deep.equal({ kind: 'raced' });
    });
  });
});
