import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { creditAccount } from '../src/ledger/credit-account.ts';
import { debitAccount } from '../src/ledger/debit-account.ts';
import { setBalance } from '../src/ledger/set-balance.ts';
import { eur, PaymentWorld } from './support/payment-world.ts';

/**
 * The account's ledger on the store itself: a charge and a refund happen at most once per order,
 * however often they are asked for, and whatever other orders the account paid for before or after
 * (an order's guard must find its own entry among theirs, not only when it is alone).
 */
describe('account ledger: at most once per order, beside other orders', function () {
  this.timeout(30_000);
  const world = new PaymentWorld('payment-account-ledger');
  const now = new Date('2024-05-06T07:08:09.000Z');

  before(() => world.open());
  after(() => world.close());

  const debit = (customerId: string, orderId: string, amountMinor: number) =>
    debitAccount(
      world.ledger,
      { customerId, orderId, paymentId: randomUUID(), amount: eur(amountMinor) },
      now,
    );

  async function accountThatPaidFor(...orderIds: string[]) {
    const customerId = world.newCustomerId();
    await setBalance(world.ledger, customerId, { balance: 10_000, currency: 'EUR' }, now);
    for (const orderId of orderIds) await debit(customerId, orderId, 1000);
    return customerId;
  }

  it('debits an order once, when the account paid for orders before and after it', async () => {
    const [before, order, after] = [randomUUID(), randomUUID(), randomUUID()];
    const customerId = await accountThatPaidFor(before, order, after);

    expect(await debit(customerId, order, 1000)).to.deep.equal({ kind: 'charged', at: now });
    expect(await debit(customerId, order, 1000)).to.deep.equal({ kind: 'charged', at: now });

    const account = await world.accounts.findById(customerId).lean();
    expect(account?.charges.map((c) => c.orderId)).to.deep.equal([before, order, after]);
    expect(account?.balance).to.equal(7000);
    expect(account?.totals.charged).to.equal(3000);
  });

  it('credits an order’s refund once, when the account refunded orders before and after it', async () => {
    const [before, order, after] = [randomUUID(), randomUUID(), randomUUID()];
    const customerId = await accountThatPaidFor(before, order, after);
    const refund = (orderId: string) =>
      creditAccount(world.ledger, { customerId, orderId, refundId: randomUUID(), amountMinor: 1000 }, now);
    await refund(before);
    await refund(order);
    await refund(after);

    expect(await refund(order)).to.deep.equal(now);

    const account = await world.accounts.findById(customerId).lean();
    expect(account?.refunds.map((r) => r.orderId)).to.deep.equal([before, order, after]);
    expect(account?.balance).to.equal(10_000);
    expect(account?.totals.refunded).to.equal(3000);
  });
});
