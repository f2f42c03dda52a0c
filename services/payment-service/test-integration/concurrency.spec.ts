import { expect } from 'chai';
import { eur, expectConserved, PaymentWorld, type Sent } from './support/payment-world.ts';
import type { RequestPayment } from '@saga/contracts';

/**
 * Charges and balance changes of one account at the same time, over service-kit's pool of 8 store
 * connections: every answer matches the ledger, and the ledger the balance. On FerretDB this holds
 * because every write of the account runs as its single writer; concurrent updates of one document
 * over a pool are otherwise lost there.
 */
describe('concurrency: one account charged while its balance is being set', function () {
  this.timeout(60_000);
  const world = new PaymentWorld('payment-concurrency');

  before(async () => {
    await world.open();
    await world.startService();
  });
  after(() => world.close());

  it('loses no debit and keeps the ledger whole', async () => {
    const customerId = world.newCustomerId();
    await world.putAccount(customerId, { balance: 1000, currency: 'EUR' });
    const requests: Sent<RequestPayment>[] = [];
    for (let i = 0; i < 30; i++) {
      requests.push(
        await world.requestPayment({ orderId: world.newOrderId(), customerId, amount: eur(100) }),
      );
    }
    const answered = () => requests.every((r) => world.replies(r.value.orderId).length > 0);

    // Administrators keep setting the balance, several at once, while the charges are taken.
    // Each asks a balance of its own, so each 200 must have left its adjustment in the ledger.
    let puts = 0;
    const statuses: number[] = [];
    const administrator = async () => {
      while (!answered()) {
        const { status } = await world.http('PUT', `/accounts/${customerId}`, { balance: 1000 + ++puts });
        statuses.push(status);
      }
    };
    await Promise.all(Array.from({ length: 8 }, administrator));

    const succeeded = requests.filter((r) => world.replies(r.value.orderId)[0]?.topic === 'payment.success');
    const account = await world.getAccount(customerId);
    expect(puts).to.be.greaterThan(8);
    // 409: the account changed between reading and setting it too often; nothing was written.
    expect(statuses.filter((status) => status !== 200 && status !== 409)).to.deep.equal([]);
    expect(account.adjustments).to.have.length(1 + statuses.filter((status) => status === 200).length);
    expect(succeeded.length).to.be.greaterThan(0);
    expect(account.charges.map((c) => c.orderId).sort()).to.deep.equal(
      succeeded.map((r) => r.value.orderId).sort(),
    );
    expectConserved(account);
  });
});
