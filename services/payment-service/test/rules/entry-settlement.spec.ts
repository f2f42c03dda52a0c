import { expect } from 'chai';
import { LedgerInconsistencyError } from '../../src/errors/ledger-inconsistency-error.ts';
import { ledgerEntryId, type LedgerEntryRecord } from '../../src/model/ledger-entry.ts';
import {
  decideEntriesRemoved,
  decideEntryRecord,
  unsettledEntries,
} from '../../src/rules/entry-settlement.ts';

const customerId = 'customer-42';
const chargedAt = new Date('2024-05-06T07:08:09.123Z');
const refundedAt = new Date('2024-05-06T07:30:00.000Z');
const charge = { orderId: 'order-1', paymentId: 'payment-1', amountMinor: 2999, at: chargedAt };
const refund = { orderId: 'order-1', refundId: 'refund-1', amountMinor: 2999, at: refundedAt };
const otherCharge = { orderId: 'order-2', paymentId: 'payment-2', amountMinor: 500, at: chargedAt };
const account = (charges = [charge], refunds = [refund]) => ({ _id: customerId, charges, refunds });

const chargeEntry: LedgerEntryRecord = {
  _id: ledgerEntryId(customerId, 'order-1', 'charge'),
  customerId,
  orderId: 'order-1',
  kind: 'charge',
  paymentId: 'payment-1',
  amountMinor: 2999,
  at: chargedAt,
};

describe('entry settlement', () => {
  describe('ledgerEntryId', () => {
    it('is the same for the same customer, order and kind, and differs for each of them', () => {
      const id = ledgerEntryId(customerId, 'order-1', 'charge');
      expect(ledgerEntryId(customerId, 'order-1', 'charge')).to.equal(id);
      expect(ledgerEntryId(customerId, 'order-1', 'refund')).to.not.equal(id);
      expect(ledgerEntryId(customerId, 'order-2', 'charge')).to.not.equal(id);
      expect(ledgerEntryId('customer-43', 'order-1', 'charge')).to.not.equal(id);
    });

    it('cannot be forged by ids that contain the separator of another triple', () => {
      expect(ledgerEntryId('a","b', 'c', 'charge')).to.not.equal(ledgerEntryId('a', 'b","c', 'charge'));
    });
  });

  describe('unsettledEntries', () => {
    it('makes each unsettled charge and refund the ledger entry of its customer, order and kind', () => {
      expect(unsettledEntries(account())).to.deep.equal([
        { list: 'charges', element: charge, entry: chargeEntry },
        {
          list: 'refunds',
          element: refund,
          entry: {
            _id: ledgerEntryId(customerId, 'order-1', 'refund'),
            customerId,
            orderId: 'order-1',
            kind: 'refund',
            refundId: 'refund-1',
            amountMinor: 2999,
            at: refundedAt,
          },
        },
      ]);
    });

    it('finds nothing in a settled account', () => {
      expect(unsettledEntries(account([], []))).to.deep.equal([]);
    });
  });

  describe('decideEntryRecord', () => {
    it('inserts an entry not recorded yet (the runtime gives it its _id)', () => {
      const { _id, ...document } = chargeEntry;
      expect(decideEntryRecord(null, chargeEntry)).to.deep.equal({
        kind: 'insert',
        document,
        outbox: [],
        result: 'recorded',
      });
      expect(_id).to.be.a('string');
    });

    it('writes nothing for the same entry recorded before (a crash before its removal from the account)', () => {
      expect(decideEntryRecord({ ...chargeEntry, at: new Date(chargedAt) }, chargeEntry)).to.deep.equal({
        kind: 'none',
        result: 'recorded-before',
      });
    });

    it('refuses a second, different charge of an order: the account charged it twice', () => {
      const second = { ...chargeEntry, paymentId: 'payment-9', at: refundedAt };
      expect(() => decideEntryRecord(chargeEntry, second))
        .to.throw(LedgerInconsistencyError)
        .that.includes({ customerId, orderId: 'order-1', retriable: false });
    });
  });

  describe('decideEntriesRemoved', () => {
    it('removes the recorded entries from the account by $pullAll of their exact elements, unguarded', () => {
      const recorded = unsettledEntries(account());
      expect(decideEntriesRemoved(account(), recorded)).to.deep.equal({
        kind: 'update',
        update: { $pullAll: { charges: [charge], refunds: [refund] } },
        result: 2,
      });
    });

    it('leaves an entry alone that was not recorded (pushed since, or failed to record)', () => {
      const recorded = unsettledEntries(account([charge], []));
      expect(decideEntriesRemoved(account([charge, otherCharge], [refund]), recorded)).to.deep.equal({
        kind: 'update',
        update: { $pullAll: { charges: [charge] } },
        result: 1,
      });
    });

    it('writes nothing when the entries are gone from the account already (settled before)', () => {
      const recorded = unsettledEntries(account());
      expect(decideEntriesRemoved(account([], []), recorded)).to.deep.equal({ kind: 'none', result: 0 });
      expect(decideEntriesRemoved(null, recorded)).to.deep.equal({ kind: 'none', result: 0 });
    });

    it('removes the element as it is in the account now, not as the caller read it before', () => {
      const asNow = { ...charge, at: new Date(chargedAt) };
      const decided = decideEntriesRemoved(account([asNow], []), unsettledEntries(account([charge], [])));
      expect(
        decided.kind === 'update' && (decided.update.$pullAll as { charges: unknown[] }).charges[0],
      ).to.equal(asNow);
    });
  });
});
