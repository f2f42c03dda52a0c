import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { inventoryService } from '@saga/inventory-service/src/service.ts';
import { orchestratorService } from '@saga/orchestrator-service/src/service.ts';
import { orderService } from '@saga/order-service/src/service.ts';
import { paymentService } from '@saga/payment-service/src/service.ts';
import { runService, type ServiceDefinition } from '@saga/service-kit';
import { createTestNamespace, quietLogger, testTokens, waitFor, type TestNamespace } from '@saga/testing';

interface OrderView {
  readonly status: string;
  readonly cancelReason?: string;
  readonly items: readonly { sku: string; quantity: number }[];
  readonly pricedLines: readonly { sku: string; quantity: number; unitPrice: number }[];
  readonly total: number | null;
  readonly currency: string;
}

/**
 * Prices belong to the shop, end to end: the four services of this checkout run in this process, in
 * a namespace of their own (topics, consumer groups, databases) on the real Kafka, registry and store.
 * The admin prices each SKU with its stock; an order names SKUs and quantities only; the customer is
 * charged the catalogue's total, and the confirmed order shows the lines as priced.
 */
describe('catalogue prices (four services, Kafka + registry + store)', function () {
  this.timeout(180_000);
  let ns: TestNamespace;
  const urls: Record<'order' | 'inventory' | 'payment', string> = { order: '', inventory: '', payment: '' };
  let inventoryDb = '';

  before(async () => {
    ns = await createTestNamespace('catalogue-prices');
    const start = async (definition: ServiceDefinition) => {
      const options = ns.serviceOptions(definition.name);
      const running = await runService(definition, { ...options, logger: quietLogger(definition.name) });
      ns.cleanup(() => running.stop());
      return { running, dbName: options.dbName };
    };
    const [order, inventory, payment] = await Promise.all([
      start(orderService),
      start(inventoryService()),
      start(paymentService),
      start(orchestratorService),
    ]);
    urls.order = order.running.url;
    urls.inventory = inventory.running.url;
    urls.payment = payment.running.url;
    inventoryDb = inventory.dbName;
  });
  after(() => ns.close());

  async function call(
    url: string,
    method: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${method === 'GET' ? testTokens.ops : testTokens.admin}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }

  const putStock = async (sku: string, body: object) =>
    expect((await call(`${urls.inventory}/stock/${sku}`, 'PUT', body)).status).to.equal(200);
  const fund = async (customerId: string, balance: number) =>
    expect(
      (await call(`${urls.payment}/accounts/${customerId}`, 'PUT', { balance, currency: 'EUR' })).status,
    ).to.be.oneOf([200, 201]);
  const balanceOf = async (customerId: string) =>
    ((await call(`${urls.payment}/accounts/${customerId}`, 'GET')).body as { balance: number }).balance;
  const place = async (customerId: string, items: { sku: string; quantity: number }[]) => {
    const placed = await call(`${urls.order}/orders`, 'POST', {
      customerId,
      currency: 'EUR',
      items,
    });
    expect(placed.status, JSON.stringify(placed.body)).to.equal(202);
    return (placed.body as { orderId: string }).orderId;
  };
  const settled = async (orderId: string) => {
    let view: OrderView | undefined;
    await waitFor(`order ${orderId} to settle`, async () => {
      view = (await call(`${urls.order}/orders/${orderId}`, 'GET')).body as OrderView;
      return view.status !== 'PENDING';
    });
    return view!;
  };
  const unique = (label: string) => `${label}-${randomUUID().slice(0, 8)}`.toUpperCase();

  it('charges the catalogue total, and the confirmed order shows the priced lines and the total', async () => {
    const [book, pen, customer] = [unique('BOOK'), unique('PEN'), unique('customer')];
    await putStock(book, { available: 10, price: 1250, currency: 'EUR' });
    await putStock(pen, { available: 10, price: 199, currency: 'EUR' });
    expect((await call(`${urls.inventory}/stock/${book}`, 'GET')).body).to.include({
      price: 1250,
      currency: 'EUR',
    });
    await fund(customer, 10_000);

    const order = await settled(
      await place(customer, [
        { sku: book, quantity: 3 },
        { sku: pen, quantity: 2 },
      ]),
    );

    const catalogueTotal = 3 * 1250 + 2 * 199;
    expect(order.status).to.equal('CONFIRMED');
    expect(order.items).to.deep.equal([
      { sku: book, quantity: 3 },
      { sku: pen, quantity: 2 },
    ]);
    expect([...order.pricedLines].sort((a, b) => a.sku.localeCompare(b.sku))).to.deep.equal([
      { sku: book, quantity: 3, unitPrice: 1250 },
      { sku: pen, quantity: 2, unitPrice: 199 },
    ]);
    expect(order.total).to.equal(catalogueTotal);
    expect(await balanceOf(customer)).to.equal(10_000 - catalogueTotal);
    expect((await call(`${urls.inventory}/stock/${book}`, 'GET')).body).to.include({ available: 7, sold: 3 });
  });

  it('cancels an order for a SKU without a price (PRICE_NOT_SET), charging nothing and holding nothing', async () => {
    const [unpriced, customer] = [unique('UNPRICED'), unique('customer')];
    // Stock as it was stored before prices: the API can no longer create such a SKU.
    const db = await ns.connectDatabase(inventoryDb);
    const at = new Date();
    await db.collection<{ _id: string } & Record<string, unknown>>('stocks').insertOne({
      _id: unpriced,
      available: 5,
      reserved: 0,
      sold: 0,
      received: 5,
      holds: [],
      createdAt: at,
      updatedAt: at,
    });
    await fund(customer, 10_000);

    const order = await settled(await place(customer, [{ sku: unpriced, quantity: 1 }]));

    expect(order).to.deep.include({
      status: 'CANCELLED',
      cancelReason: 'PRICE_NOT_SET',
      pricedLines: [],
      total: null,
    });
    expect(await balanceOf(customer)).to.equal(10_000);
    expect((await call(`${urls.inventory}/stock/${unpriced}`, 'GET')).body).to.include({
      available: 5,
      reserved: 0,
      price: null,
    });
  });

  it('cancels an order for a SKU priced in another currency (CURRENCY_MISMATCH), charging nothing', async () => {
    const [dollars, customer] = [unique('DOLLARS'), unique('customer')];
    await putStock(dollars, { available: 5, price: 300, currency: 'USD' });
    await fund(customer, 10_000);

    const order = await settled(await place(customer, [{ sku: dollars, quantity: 1 }]));

    expect(order).to.include({ status: 'CANCELLED', cancelReason: 'CURRENCY_MISMATCH' });
    expect(await balanceOf(customer)).to.equal(10_000);
    expect((await call(`${urls.inventory}/stock/${dollars}`, 'GET')).body).to.include({
      available: 5,
      reserved: 0,
    });
  });
});
