import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { isDuplicateKeyError } from '@saga/service-kit';
import { creditAccount } from '../src/ledger/credit-account.ts';
import { debitAccount } from '../src/ledger/debit-account.ts';
import { setBalance } from '../src/ledger/set-balance.ts';
import { ledgerEntryId } from '../src/model/ledger-entry.ts';
import { eur, PaymentWorld } from './support/payment-world.ts';

/**
 * The account's ledger on the store itself: a charge and a refund happen at most once per order,
 * however often they are asked for, and whatever other orders the account paid for before or after
 * (an order's guard must find its own entry among theirs, not only when it is alone). Each entry is
 * settled right after: moved from the account into `ledger_entries`, where the dedupe finds it too.
 */
describe('account ledger: at most once per order, beside other orders', function () {
  this.timeout(30_000);
  const world = new PaymentWorld('payment-account-ledger');
  const now = new Date('2024-05-06T07:08:09.000Z');
  const earlier = new Date('2024-05-06T07:00:00.000Z');

  before(() => world.open());
  after(() => world.close());

  const debit = (customerId: string, orderId: string, amountMinor: number) =>
    debitAccount(
      world.ledger,
      { customerId, orderId, paymentId: randomUUID(), amount: eur(amountMinor) },
      now,
    );
  const refund = (customerId: string, orderId: string) =>
    creditAccount(world.ledger, { customerId, orderId, refundId: randomUUID(), amountMinor: 1000 }, now);

  async function accountThatPaidFor(...orderIds: string[]) {
    const customerId = world.newCustomerId();
    await setBalance(world.ledger, customerId, { balance: 10_000, currency: 'EUR' }, now);
    for (const orderId of orderIds) await debit(customerId, orderId, 1000);
    return customerId;
  }

  /** Where the customer's entries are: still in the account, and settled in `ledger_entries`. */
  async function entriesOf(customerId: string) {
    const account = await world.accounts.findById(customerId).lean();
    const settled = await world.ledger.ledgerEntries.find({ customerId }).sort({ at: 1, orderId: 1 }).lean();
    return {
      account,
      unsettled: [...(account?.charges ?? []), ...(account?.refunds ?? [])],
      charges: settled.filter((e) => e.kind === 'charge').map((e) => e.orderId),
      refunds: settled.filter((e) => e.kind === 'refund').map((e) => e.orderId),
    };
  }

  /** Writes the account as a crash right after a debit left it: charged, the entry not settled yet. */
  async function crashedAfterDebit(orderId: string, paymentId = randomUUID()) {
    const customerId = world.newCustomerId();
    const charge = { orderId, paymentId, amountMinor: 1000, at: earlier };
    await world.accounts.create({
      _id: customerId,
      balance: 9000,
      currency: 'EUR',
      totals: { funded: 10_000, charged: 1000, refunded: 0 },
      adjustments: [{ setTo: 10_000, delta: 10_000, at: earlier }],
      charges: [charge],
      refunds: [],
    });
    return { customerId, charge };
  }

  it('debits an order once, when the account paid for orders before and after it', async () => {
    const [before, order, after] = [randomUUID(), randomUUID(), randomUUID()];
    const customerId = await accountThatPaidFor(before, order, after);

    expect(await debit(customerId, order, 1000)).to.deep.equal({ kind: 'charged', at: now });
    expect(await debit(customerId, order, 1000)).to.deep.equal({ kind: 'charged', at: now });

    const { account, unsettled, charges } = await entriesOf(customerId);
    expect(unsettled).to.deep.equal([]);
    expect(charges).to.have.members([before, order, after]).and.to.have.length(3);
    expect(account?.balance).to.equal(7000);
    expect(account?.totals.charged).to.equal(3000);
  });

  it('credits an order’s refund once, when the account refunded orders before and after it', async () => {
    const [before, order, after] = [randomUUID(), randomUUID(), randomUUID()];
    const customerId = await accountThatPaidFor(before, order, after);
    await refund(customerId, before);
    await refund(customerId, order);
    await refund(customerId, after);

    expect(await refund(customerId, order)).to.deep.equal(now);

    const { account, unsettled, refunds } = await entriesOf(customerId);
    expect(unsettled).to.deep.equal([]);
    expect(refunds).to.have.members([before, order, after]).and.to.have.length(3);
    expect(account?.balance).to.equal(10_000);
    expect(account?.totals.refunded).to.equal(3000);
  });

  it('settles each entry into ledger_entries under the _id of its customer, order and kind', async () => {
    const order = randomUUID();
    const customerId = await accountThatPaidFor(order);
    await refund(customerId, order);

    const charge = await world.ledger.ledgerEntries
      .findById(ledgerEntryId(customerId, order, 'charge'))
      .lean();
    const refunded = await world.ledger.ledgerEntries
      .findById(ledgerEntryId(customerId, order, 'refund'))
      .lean();
    expect(charge).to.deep.include({
      customerId,
      orderId: order,
      kind: 'charge',
      amountMinor: 1000,
      at: now,
    });
    expect(charge?.paymentId).to.be.a('string');
    expect(refunded).to.deep.include({
      customerId,
      orderId: order,
      kind: 'refund',
      amountMinor: 1000,
      at: now,
    });
    expect(refunded?.refundId).to.be.a('string');
  });

  it('refuses a second entry of the same customer, order and kind, whatever its _id (the unique index)', async () => {
    const order = randomUUID();
    const customerId = await accountThatPaidFor(order);
    await world.ledger.ledgerEntries.init();

    const error = await world.ledger.ledgerEntries
      .create({ _id: randomUUID(), customerId, orderId: order, kind: 'charge', amountMinor: 1, at: now })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isDuplicateKeyError(error), String(error)).to.equal(true);
  });

  it('charges nothing for an order whose charge is settled, though the account no longer holds it', async () => {
    const order = randomUUID();
    const customerId = await accountThatPaidFor(order);
    expect((await entriesOf(customerId)).unsettled).to.deep.equal([]);

    expect(await debit(customerId, order, 1000)).to.deep.equal({ kind: 'charged', at: now });

    const { account, charges } = await entriesOf(customerId);
    expect(account?.balance).to.equal(9000);
    expect(charges).to.deep.equal([order]);
  });

  it('settles on the account’s next write an entry a crash left unsettled, once, and charges it no more', async () => {
    const order = randomUUID();
    const { customerId } = await crashedAfterDebit(order);

    // The redelivered request finds the unsettled charge: paid, nothing taken; the entry is settled.
    expect(await debit(customerId, order, 1000)).to.deep.equal({ kind: 'charged', at: earlier });
    let entries = await entriesOf(customerId);
    expect(entries.unsettled).to.deep.equal([]);
    expect(entries.charges).to.deep.equal([order]);

    // Asked again after the settlement: found in ledger_entries, still nothing taken.
    expect(await debit(customerId, order, 1000)).to.deep.equal({ kind: 'charged', at: earlier });
    entries = await entriesOf(customerId);
    expect(entries.account?.balance).to.equal(9000);
    expect(entries.account?.totals.charged).to.equal(1000);
    expect(entries.charges).to.deep.equal([order]);
  });

  it('finishes a settlement a crash interrupted after the insert: the account lets go of the entry', async () => {
    const order = randomUUID();
    const { customerId, charge } = await crashedAfterDebit(order);
    await world.ledger.ledgerEntries.create({
      _id: ledgerEntryId(customerId, order, 'charge'),
      customerId,
      kind: 'charge',
      ...charge,
    });

    // Another order's charge is the account's next write.
    const other = randomUUID();
    expect(await debit(customerId, other, 1000)).to.deep.equal({ kind: 'charged', at: now });

    const { account, unsettled, charges } = await entriesOf(customerId);
    expect(unsettled).to.deep.equal([]);
    expect(charges).to.deep.equal([order, other]);
    expect(account?.balance).to.equal(8000);
  });

  it('leaves a second, different charge of a settled order in the account, for a person to look at, and settles the rest', async () => {
    const order = randomUUID();
    const { customerId, charge } = await crashedAfterDebit(order);
    await world.ledger.ledgerEntries.create({
      _id: ledgerEntryId(customerId, order, 'charge'),
      customerId,
      kind: 'charge',
      ...charge,
      paymentId: randomUUID(),
    });

    // The account's next write is not held up by it: its own charge happens and is settled.
    const other = randomUUID();
    expect(await debit(customerId, other, 1000)).to.deep.equal({ kind: 'charged', at: now });

    const { unsettled, charges } = await entriesOf(customerId);
    expect(unsettled.map((e) => e.orderId)).to.deep.equal([order]);
    expect(charges).to.deep.equal([order, other]);
  });

  it('credits a refund of an order whose charge is settled, once', async () => {
    const order = randomUUID();
    const customerId = await accountThatPaidFor(order);

    expect(await refund(customerId, order)).to.deep.equal(now);
    expect(await refund(customerId, order)).to.deep.equal(now);

    const { account, refunds } = await entriesOf(customerId);
    expect(account?.balance).to.equal(10_000);
    expect(account?.totals.refunded).to.equal(1000);
    expect(refunds).to.deep.equal([order]);
  });
});
