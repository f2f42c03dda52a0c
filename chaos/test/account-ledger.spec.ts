import { expect } from 'chai';
import { accountLedger } from '../src/harness/account-ledger.ts';

const at = new Date('2024-05-06T07:08:09.123Z');
const later = new Date('2024-05-06T07:09:00.000Z');
const charge = { orderId: 'o-1', paymentId: 'p-1', amountMinor: 500, at };
const refund = { orderId: 'o-1', refundId: 'r-1', amountMinor: 500, at: later };
const settled = (kind: 'charge' | 'refund', entry: object) => ({
  _id: `${kind}-${JSON.stringify(entry)}`,
  customerId: 'alice',
  kind,
  ...entry,
});

describe('accountLedger (the payment service’s entries, unsettled and settled)', () => {
  it('reads the charges and refunds still in the account', () => {
    expect(accountLedger({ charges: [charge], refunds: [refund] }, [])).to.deep.equal({
      charges: [{ orderId: 'o-1', amountMinor: 500 }],
      refunds: [{ orderId: 'o-1', amountMinor: 500 }],
    });
  });

  it('reads the returns’ refunds, kept in the account for good, as refunds with their return ids', () => {
    const returnRefund = { orderId: 'o-1', returnId: 'ret-1', refundId: 'rf-1', amountMinor: 200, at };
    expect(
      accountLedger({ charges: [], refunds: [refund], returnRefunds: [returnRefund] }, []),
    ).to.deep.equal({
      charges: [],
      refunds: [
        { orderId: 'o-1', amountMinor: 500 },
        { orderId: 'o-1', amountMinor: 200, returnId: 'ret-1' },
      ],
    });
  });

  it('reads the settled ones from ledger_entries, each of its kind', () => {
    const ledger = accountLedger({ charges: [], refunds: [] }, [
      settled('charge', charge),
      settled('refund', refund),
    ]);
    expect(ledger).to.deep.equal({
      charges: [{ orderId: 'o-1', amountMinor: 500 }],
      refunds: [{ orderId: 'o-1', amountMinor: 500 }],
    });
  });

  it('counts once an entry caught in both places (a crash between its settlement’s two steps)', () => {
    const ledger = accountLedger({ charges: [{ ...charge, at: new Date(at) }] }, [settled('charge', charge)]);
    expect(ledger.charges).to.deep.equal([{ orderId: 'o-1', amountMinor: 500 }]);
  });

  it('still shows an order charged twice: a second, different charge in the account beside the settled one', () => {
    const second = { ...charge, paymentId: 'p-2', at: later };
    const ledger = accountLedger({ charges: [second] }, [settled('charge', charge)]);
    expect(ledger.charges).to.deep.equal([
      { orderId: 'o-1', amountMinor: 500 },
      { orderId: 'o-1', amountMinor: 500 },
    ]);
  });

  it('reads an account written before the lists existed as having none', () => {
    expect(accountLedger({}, [])).to.deep.equal({ charges: [], refunds: [] });
  });
});
