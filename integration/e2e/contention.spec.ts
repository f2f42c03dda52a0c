import { expect } from 'chai';
import { api, line, settled, unique } from './support/platform-client.ts';

/**
 * Exact results where orders fight over one document, through the four services as processes, each
 * on a pool of 8 store connections. The local store (FerretDB) loses concurrent conditional updates
 * of one document across connections (measured: 2-8 "winners" of 20 guarded updates), so these hold
 * only because every write of a document runs through its single writer: no oversell, no overdraft,
 * nothing lost.
 */
describe('orders racing for one document', function () {
  this.timeout(240_000);

  const place = async (customerId: string, items: ReturnType<typeof line>[]) => {
    const placed = await api.placeOrder({ customerId, currency: 'EUR', items });
    expect(placed.status, JSON.stringify(placed.body)).to.equal(202);
    return placed.body.orderId;
  };

  it('runs every service on a pool of 8 store connections', async () => {
    for (const service of ['order', 'orchestrator', 'inventory', 'payment'] as const) {
      const { body } = await api.readiness(service);
      expect(body.checks?.store?.detail, service).to.include('a pool of 8 connections');
    }
  });

  it('sells exactly the units there are when 40 orders race for the last 10 units of one SKU', async () => {
    const sku = unique('sku');
    const customers = Array.from({ length: 40 }, () => unique('customer'));
    expect((await api.putStock(sku, 10, 500)).status).to.equal(200);
    for (const customer of customers)
      expect((await api.putAccount(customer, 10_000)).status).to.be.oneOf([200, 201]);

    const orders = await Promise.all(customers.map((customer) => place(customer, [line(sku, 1)])));
    const outcomes = await Promise.all(orders.map((id) => settled(id, 180_000)));

    const confirmed = outcomes.filter((o) => o.status === 'CONFIRMED');
    expect(confirmed).to.have.length(10);
    expect(outcomes.filter((o) => o.status === 'CANCELLED').map((o) => o.cancelReason)).to.deep.equal(
      Array(30).fill('OUT_OF_STOCK'),
    );
    expect((await api.getStock(sku)).body).to.include({ available: 0, reserved: 0, sold: 10 });
    for (const order of outcomes) {
      const paid = order.status === 'CONFIRMED' ? 500 : 0;
      expect((await api.getAccount(order.customerId)).body.balance, order.customerId).to.equal(10_000 - paid);
    }
  });

  it('charges exactly what one balance covers when 30 orders of one customer race for it', async () => {
    const [sku, customer] = [unique('sku'), unique('customer')];
    expect((await api.putStock(sku, 1000)).status).to.equal(200);
    expect((await api.putAccount(customer, 12_000)).status).to.be.oneOf([200, 201]);

    const orders = await Promise.all(Array.from({ length: 30 }, () => place(customer, [line(sku, 1)])));
    const outcomes = await Promise.all(orders.map((id) => settled(id, 180_000)));

    expect(outcomes.filter((o) => o.status === 'CONFIRMED')).to.have.length(12);
    expect(outcomes.filter((o) => o.status === 'CANCELLED').map((o) => o.cancelReason)).to.deep.equal(
      Array(18).fill('PAYMENT_DECLINED'),
    );
    expect((await api.getAccount(customer)).body.balance).to.equal(0);
    expect((await api.getStock(sku)).body).to.include({ available: 988, reserved: 0, sold: 12 });
  });
});
