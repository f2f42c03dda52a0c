import { expect } from 'chai';
import { api, line, settled, unique } from './support/platform-client.ts';

/**
 * The order saga end to end: four services as separate processes, talking only through the real
 * Kafka, with every message through the real registry and every state in the real store.
 */
describe('order saga', function () {
  this.timeout(120_000);

  /** Stock (at the catalogue price given, 10.00 otherwise) and funded accounts. */
  async function given(
    stock: Record<string, number>,
    accounts: Record<string, number>,
    prices: Record<string, number> = {},
  ) {
    for (const [sku, available] of Object.entries(stock))
      expect((await api.putStock(sku, available, prices[sku])).status).to.equal(200);
    for (const [customer, balance] of Object.entries(accounts)) {
      expect((await api.putAccount(customer, balance)).status).to.be.oneOf([200, 201]);
    }
  }

  async function place(customerId: string, items: ReturnType<typeof line>[]) {
    const placed = await api.placeOrder({ customerId, currency: 'EUR', items });
    expect(placed.status, JSON.stringify(placed.body)).to.equal(202);
    expect(placed.body.status).to.equal('PENDING');
    expect(placed.headers.get('location')).to.equal(`/orders/${placed.body.orderId}`);
    return placed.body.orderId;
  }

  it('confirms an order when stock and money suffice, charging the catalogue price, moving both exactly once', async () => {
    const [sku, customer] = [unique('sku'), unique('customer')];
    await given({ [sku]: 10 }, { [customer]: 10_000 }, { [sku]: 1250 });

    const order = await settled(await place(customer, [line(sku, 3)]));

    expect(order.status).to.equal('CONFIRMED');
    expect(order.pricedLines).to.deep.equal([{ sku, quantity: 3, unitPrice: 1250 }]);
    expect(order.total).to.equal(3750);
    expect((await api.getStock(sku)).body).to.include({ available: 7, reserved: 0 });
    expect((await api.getAccount(customer)).body.balance).to.equal(10_000 - 3750);
  });

  it('cancels an order as OUT_OF_STOCK and leaves the stock as it was', async () => {
    const [sku, customer] = [unique('sku'), unique('customer')];
    await given({ [sku]: 2 }, { [customer]: 10_000 });

    const order = await settled(await place(customer, [line(sku, 3)]));

    expect(order).to.include({ status: 'CANCELLED', cancelReason: 'OUT_OF_STOCK' });
    expect((await api.getStock(sku)).body).to.include({ available: 2, reserved: 0 });
    expect((await api.getAccount(customer)).body.balance).to.equal(10_000);
  });

  it('cancels an order as PAYMENT_DECLINED when funds are short, releasing the reservation', async () => {
    const [sku, customer] = [unique('sku'), unique('customer')];
    await given({ [sku]: 5 }, { [customer]: 999 });

    const order = await settled(await place(customer, [line(sku, 1)]));

    expect(order).to.include({ status: 'CANCELLED', cancelReason: 'PAYMENT_DECLINED' });
    expect((await api.getStock(sku)).body).to.include({ available: 5, reserved: 0 });
    expect((await api.getAccount(customer)).body.balance).to.equal(999);
  });

  it('cancels an order of an unknown customer as ACCOUNT_NOT_FOUND, releasing the reservation', async () => {
    const sku = unique('sku');
    await given({ [sku]: 5 }, {});

    const order = await settled(await place(unique('stranger'), [line(sku, 2)]));

    expect(order).to.include({ status: 'CANCELLED', cancelReason: 'ACCOUNT_NOT_FOUND' });
    expect((await api.getStock(sku)).body).to.include({ available: 5, reserved: 0 });
  });

  it('reserves nothing of a multi-line order when one line lacks stock', async () => {
    const [plenty, scarce, customer] = [unique('sku'), unique('sku'), unique('customer')];
    await given({ [plenty]: 10, [scarce]: 1 }, { [customer]: 100_000 });

    const order = await settled(await place(customer, [line(plenty, 4), line(scarce, 2)]));

    expect(order).to.include({ status: 'CANCELLED', cancelReason: 'OUT_OF_STOCK' });
    expect((await api.getStock(plenty)).body).to.include({ available: 10, reserved: 0 });
    expect((await api.getStock(scarce)).body).to.include({ available: 1, reserved: 0 });
  });

  it('confirms exactly as many racing orders as there are units', async () => {
    const sku = unique('sku');
    const customers = Array.from({ length: 8 }, () => unique('customer'));
    await given({ [sku]: 3 }, Object.fromEntries(customers.map((c) => [c, 10_000])));

    const orders = await Promise.all(customers.map((c) => place(c, [line(sku, 1)])));
    const outcomes = await Promise.all(orders.map((id) => settled(id)));

    expect(outcomes.filter((o) => o.status === 'CONFIRMED')).to.have.length(3);
    expect(outcomes.filter((o) => o.status === 'CANCELLED').map((o) => o.cancelReason)).to.deep.equal(
      Array(5).fill('OUT_OF_STOCK'),
    );
    expect((await api.getStock(sku)).body).to.include({ available: 0, reserved: 0 });
  });

  it('settles many concurrent mixed orders as expected, conserving stock and money', async () => {
    const skus = [unique('sku'), unique('sku')];
    const rich = Array.from({ length: 6 }, () => unique('rich'));
    const poor = Array.from({ length: 4 }, () => unique('poor'));
    const startingStock = { [skus[0]!]: 1000, [skus[1]!]: 1000 };
    await given(startingStock, {
      ...Object.fromEntries(rich.map((c) => [c, 1_000_000])),
      ...Object.fromEntries(poor.map((c) => [c, 10])),
    });
    const plan = [
      ...rich.flatMap((c) => [0, 1, 2].map(() => ({ customer: c, expect: 'CONFIRMED' }))),
      ...poor.map((c) => ({ customer: c, expect: 'CANCELLED' })),
    ];

    const ids = await Promise.all(plan.map((p, i) => place(p.customer, [line(skus[i % 2]!, 2)])));
    const outcomes = await Promise.all(ids.map((id) => settled(id)));

    expect(outcomes.map((o) => o.status)).to.deep.equal(plan.map((p) => p.expect));
    const confirmed = outcomes.filter((o) => o.status === 'CONFIRMED');
    for (const sku of skus) {
      const sold = confirmed.filter((o) => o.items[0]?.sku === sku).length * 2;
      expect((await api.getStock(sku)).body, sku).to.include({ available: 1000 - sold, reserved: 0 });
    }
    for (const customer of rich) {
      const spent = confirmed
        .filter((o) => o.customerId === customer)
        .reduce((n, o) => n + (o.total ?? 0), 0);
      expect((await api.getAccount(customer)).body.balance, customer).to.equal(1_000_000 - spent);
    }
    for (const customer of poor) expect((await api.getAccount(customer)).body.balance).to.equal(10);
  });
});
