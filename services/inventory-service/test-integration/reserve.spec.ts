import { expect } from 'chai';
import { createTestNamespace, type TestNamespace } from '@saga/testing';
import { findCurrent } from '@saga/service-kit';
import type { ReservationDocument } from '../src/model/reservation-model.ts';
import { conservedStock } from './support/stock-checks.ts';
import { request } from './support/http.ts';
import { putStock } from './support/http.ts';
import {
  modelsOf,
  newSku,
  sagaOf,
  startInventory,
  startOrchestratorStub,
  startReplyListener,
  type TestInventory,
} from './support/harness.ts';

/** inventory.reserve over Kafka: all lines or none, answered with inventory.reserved or inventory.failed. */
describe('reserving stock (Kafka + FerretDB)', function () {
  this.timeout(90_000);
  let inventory: TestInventory;
  let orchestrator: Awaited<ReturnType<typeof startOrchestratorStub>>;
  let replies: Awaited<ReturnType<typeof startReplyListener>>;
  const stock = (sku: string) => conservedStock(modelsOf(inventory.running.context.db).Stock, sku);
  const reservation = async (orderId: string) =>
    (await request(inventory.url, 'GET', `/reservations/${orderId}`)).body;

  let ns: TestNamespace;
  before(async () => {
    ns = await createTestNamespace('inventory-reserve');
    [inventory, orchestrator, replies] = await Promise.all([
      startInventory(ns),
      startOrchestratorStub(ns),
      startReplyListener(ns),
    ]);
  });
  after(() => ns.close());

  it('holds every line, moving stock from available to reserved, and answers inventory.reserved with the lines at their catalogue prices and the total', async () => {
    const [shirt, mug] = [newSku('SHIRT'), newSku('MUG')];
    await putStock(inventory.url, shirt, 5, { price: 1250, currency: 'EUR' });
    await putStock(inventory.url, mug, 2, { price: 499, currency: 'EUR' });
    const orderId = inventory.newOrder();
    await orchestrator.reserve(orderId, [
      { sku: shirt, quantity: 2 },
      { sku: mug, quantity: 2 },
    ]);

    const [reply] = await replies.waitFor(orderId, 'inventory.reserved');
    expect(reply?.value).to.include({ orderId, sagaId: sagaOf(orderId), expiresAt: null });
    expect(reply?.value.reservationId).to.match(/^[0-9a-f-]{36}$/);
    const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
    expect(reply?.value.pricedLines).to.deep.equal(
      [
        { sku: shirt, quantity: 2, unitPrice: eur(1250) },
        { sku: mug, quantity: 2, unitPrice: eur(499) },
      ].sort((a, b) => (a.sku < b.sku ? -1 : 1)),
    );
    expect(reply?.value.total).to.deep.equal(eur(2 * 1250 + 2 * 499));
    expect(await stock(shirt)).to.deep.include({ available: 3, reserved: 2, sold: 0, holders: [orderId] });
    expect(await stock(mug)).to.deep.include({ available: 0, reserved: 2, sold: 0, holders: [orderId] });
    expect(await reservation(orderId)).to.deep.include({
      orderId,
      reservationId: reply?.value.reservationId,
      status: 'RESERVED',
      failure: null,
    });
  });

  it('reserves nothing when one line of several lacks stock, and answers inventory.failed naming that SKU', async () => {
    const [plenty, scarce, alsoPlenty] = [newSku('A'), newSku('B'), newSku('C')];
    await putStock(inventory.url, plenty, 10);
    await putStock(inventory.url, scarce, 1);
    await putStock(inventory.url, alsoPlenty, 10);
    const orderId = inventory.newOrder();
    await orchestrator.reserve(orderId, [
      { sku: plenty, quantity: 2 },
      { sku: scarce, quantity: 2 },
      { sku: alsoPlenty, quantity: 3 },
    ]);

    const [reply] = await replies.waitFor(orderId, 'inventory.failed');
    expect(reply?.value).to.include({ orderId, sagaId: sagaOf(orderId), reason: 'OUT_OF_STOCK' });
    expect(reply?.value.unavailableSkus).to.deep.equal([scarce]);
    for (const [sku, available] of [
      [plenty, 10],
      [scarce, 1],
      [alsoPlenty, 10],
    ] as const) {
      expect(await stock(sku), sku).to.deep.include({ available, reserved: 0, sold: 0, holders: [] });
    }
    expect(await reservation(orderId)).to.deep.include({
      status: 'FAILED',
      failure: { reason: 'OUT_OF_STOCK', unavailableSkus: [scarce] },
    });
    expect(replies.forOrder(orderId).map((r) => r.topic)).to.deep.equal(['inventory.failed']);
  });

  it('answers SKU_NOT_FOUND for an unknown SKU, naming it, and holds none of the other lines', async () => {
    const [known, unknown] = [newSku('KNOWN'), newSku('GHOST')];
    await putStock(inventory.url, known, 4);
    const orderId = inventory.newOrder();
    await orchestrator.reserve(orderId, [
      { sku: known, quantity: 1 },
      { sku: unknown, quantity: 1 },
    ]);

    const [reply] = await replies.waitFor(orderId, 'inventory.failed');
    expect(reply?.value).to.include({ reason: 'SKU_NOT_FOUND' });
    expect(reply?.value.unavailableSkus).to.deep.equal([unknown]);
    expect(await stock(known)).to.deep.include({ available: 4, reserved: 0, holders: [] });
  });

  it('names every unavailable SKU, and prefers SKU_NOT_FOUND over OUT_OF_STOCK as the reason', async () => {
    const [a, b, c] = [newSku('A'), newSku('B'), newSku('C')];
    await putStock(inventory.url, a, 1);
    await putStock(inventory.url, c, 5);
    const orderId = inventory.newOrder();
    // Sorted by SKU the lines are A (out of stock), B (unknown), C (fine).
    await orchestrator.reserve(orderId, [
      { sku: c, quantity: 1 },
      { sku: b, quantity: 1 },
      { sku: a, quantity: 2 },
    ]);

    const [reply] = await replies.waitFor(orderId, 'inventory.failed');
    expect(reply?.value.reason).to.equal('SKU_NOT_FOUND');
    expect([...(reply?.value.unavailableSkus ?? [])].sort()).to.deep.equal([a, b].sort());
    expect(await stock(c)).to.deep.include({ available: 5, reserved: 0 });
  });

  it('answers PRICE_NOT_SET for a SKU without a catalogue price (stock from before prices), naming it, and holds nothing', async () => {
    const [priced, unpriced] = [newSku('PRICED'), newSku('UNPRICED')];
    await putStock(inventory.url, priced, 4);
    // As stock stored before prices is: counters, no price fields at all.
    const at = new Date();
    await modelsOf(inventory.running.context.db).Stock.collection.insertOne({
      _id: unpriced as never,
      available: 4,
      reserved: 0,
      sold: 0,
      received: 4,
      holds: [],
      createdAt: at,
      updatedAt: at,
    });
    const orderId = inventory.newOrder();
    await orchestrator.reserve(orderId, [
      { sku: priced, quantity: 1 },
      { sku: unpriced, quantity: 1 },
    ]);

    const [reply] = await replies.waitFor(orderId, 'inventory.failed');
    expect(reply?.value).to.include({ reason: 'PRICE_NOT_SET' });
    expect(reply?.value.unavailableSkus).to.deep.equal([unpriced]);
    expect(await stock(priced)).to.deep.include({ available: 4, reserved: 0, holders: [] });
    expect(await stock(unpriced)).to.deep.include({ available: 4, reserved: 0, holders: [] });
  });

  it("answers CURRENCY_MISMATCH for a SKU priced in another currency than the order's, and holds nothing", async () => {
    const [euros, dollars] = [newSku('EUROS'), newSku('DOLLARS')];
    await putStock(inventory.url, euros, 4, { price: 100, currency: 'EUR' });
    await putStock(inventory.url, dollars, 4, { price: 100, currency: 'USD' });
    const orderId = inventory.newOrder();
    await orchestrator.reserve(orderId, [{ sku: euros, quantity: 1 }], undefined, 'USD');

    const [reply] = await replies.waitFor(orderId, 'inventory.failed');
    expect(reply?.value).to.include({ reason: 'CURRENCY_MISMATCH' });
    expect(reply?.value.unavailableSkus).to.deep.equal([euros]);
    expect(await stock(euros)).to.deep.include({ available: 4, reserved: 0, holders: [] });
  });

  it('answers CURRENCY_MISMATCH for lines priced in two currencies when the command names none', async () => {
    const [a, b] = [newSku('A'), newSku('B')];
    await putStock(inventory.url, a, 4, { price: 100, currency: 'EUR' });
    await putStock(inventory.url, b, 4, { price: 100, currency: 'USD' });
    const orderId = inventory.newOrder();
    await orchestrator.reserve(
      orderId,
      [
        { sku: a, quantity: 1 },
        { sku: b, quantity: 1 },
      ],
      undefined,
      null,
    );

    const [reply] = await replies.waitFor(orderId, 'inventory.failed');
    // Sorted by SKU, A comes first and sets the currency; B is the one in another.
    expect(reply?.value).to.include({ reason: 'CURRENCY_MISMATCH' });
    expect(reply?.value.unavailableSkus).to.deep.equal([b]);
    for (const sku of [a, b])
      expect(await stock(sku), sku).to.deep.include({ available: 4, reserved: 0, holders: [] });
  });

  it('adds up lines of the same SKU and holds them together', async () => {
    const sku = newSku();
    await putStock(inventory.url, sku, 5);
    const orderId = inventory.newOrder();
    await orchestrator.reserve(orderId, [
      { sku, quantity: 1 },
      { sku, quantity: 3 },
    ]);

    await replies.waitFor(orderId, 'inventory.reserved');
    expect(await stock(sku)).to.deep.include({ available: 1, reserved: 4, holders: [orderId] });
  });

  it('answers UNKNOWN for a command it cannot reserve as it is (a quantity of 0), holding nothing', async () => {
    const sku = newSku();
    await putStock(inventory.url, sku, 5);
    const orderId = inventory.newOrder();
    await orchestrator.reserve(orderId, [{ sku, quantity: 0 }]);

    const [reply] = await replies.waitFor(orderId, 'inventory.failed');
    expect(reply?.value).to.include({ reason: 'UNKNOWN' });
    expect(reply?.value.unavailableSkus).to.deep.equal([sku]);
    expect(await stock(sku)).to.deep.include({ available: 5, reserved: 0 });
  });

  it('keeps the reply in the trace of the command that asked', async () => {
    const sku = newSku();
    await putStock(inventory.url, sku, 1);
    const orderId = inventory.newOrder();
    await orchestrator.reserve(orderId, [{ sku, quantity: 1 }]);
    const [reply] = await replies.waitFor(orderId, 'inventory.reserved');
    const stored = await findCurrent<ReservationDocument>(
      modelsOf(inventory.running.context.db).Reservation,
      orderId,
    );
    const traceOf = (traceparent: string | undefined) => traceparent?.split('-')[1];
    expect(traceOf(reply?.context.traceparent)).to.equal(traceOf(stored?.traceparent)).and.to.have.length(32);
  });
});
