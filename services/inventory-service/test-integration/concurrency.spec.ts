import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { childTraceparent } from '@saga/events';
import { createAggregateRuntime, createSingleWriter, findCurrent } from '@saga/service-kit';
import type { ReservationDocument } from '../src/model/reservation-model.ts';
import { createTestNamespace, memoryLogger, type TestNamespace, waitFor } from '@saga/testing';
import { createStockLedger, type StockLedger } from '../src/model/stock-ledger.ts';
import { createReservationEngine, type ReservationEngine } from '../src/reservation/reservation-engine.ts';
import { conservedStock } from './support/stock-checks.ts';
import { oneEuro, putStock } from './support/http.ts';
import {
  modelsOf,
  newSku,
  openDatabase,
  reserveCommand,
  startInventory,
  startOrchestratorStub,
  startReplyListener,
  type TestInventory,
} from './support/harness.ts';

/** Orders racing for the last units: exactly as many get them as there are units, and none gets part of an order. */
describe('orders racing for the same stock (Kafka + FerretDB)', function () {
  this.timeout(120_000);

  describe('through Kafka', () => {
    let inventory: TestInventory;
    let orchestrator: Awaited<ReturnType<typeof startOrchestratorStub>>;
    let replies: Awaited<ReturnType<typeof startReplyListener>>;
    let ns: TestNamespace;
    before(async () => {
      ns = await createTestNamespace('inventory-concurrency');
      [inventory, orchestrator, replies] = await Promise.all([
        startInventory(ns),
        startOrchestratorStub(ns),
        startReplyListener(ns),
      ]);
    });
    after(() => ns.close());

    it('10 orders of 1 unit sent at once for 3 units: exactly 3 are reserved, 7 fail OUT_OF_STOCK', async () => {
      const sku = newSku('LAST');
      await putStock(inventory.url, sku, 3);
      const orders = Array.from({ length: 10 }, () => inventory.newOrder());
      await Promise.all(orders.map((orderId) => orchestrator.reserve(orderId, [{ sku, quantity: 1 }])));

      await waitFor('an answer to every order', () => orders.every((id) => replies.forOrder(id).length > 0));
      const first = (orderId: string) => replies.forOrder(orderId)[0];
      const reserved = orders.filter((id) => first(id)?.topic === 'inventory.reserved');
      const failed = orders.filter((id) => first(id)?.topic === 'inventory.failed');
      expect(reserved).to.have.length(3);
      expect(failed).to.have.length(7);
      for (const id of failed) expect(first(id)?.value).to.include({ reason: 'OUT_OF_STOCK' });
      expect(await conservedStock(modelsOf(inventory.running.context.db).Stock, sku)).to.deep.equal({
        available: 0,
        reserved: 3,
        sold: 0,
        received: 3,
        holders: [...reserved].sort(),
      });
    });
  });

  /**
   * Kafka hands the service one message at a time, so the race above is mild. Here every order is
   * applied at the same moment, over a pooled connection on which the store runs operations side by
   * side, as it would with many partitions and a busy admin: only the single writer per SKU and the
   * guarded updates stand between the orders and an oversold SKU.
   */
  describe('applied all at once in one process, over a pooled connection', () => {
    let db: mongoose.Connection;
    let ledger: StockLedger;
    let engine: ReservationEngine;
    const models = () => modelsOf(db);
    const reserve = (orderId: string, items: { sku: string; quantity: number }[]) =>
      engine.apply(
        { kind: 'reserve', message: reserveCommand(orderId, items) },
        { id: randomUUID(), traceparent: childTraceparent() },
      );
    const statuses = async (orderIds: readonly string[]) => {
      // Settled ones may be in the archive already (reservation-model.ts): read each wherever it is.
      const found = await Promise.all(
        orderIds.map((id) => findCurrent<ReservationDocument>(models().Reservation, id, { status: 1 })),
      );
      return new Map(found.flatMap((r) => (r ? [[r._id, r.status] as const] : [])));
    };

    let ns: TestNamespace;
    before(async () => {
      ns = await createTestNamespace('inventory-concurrency-pooled');
      db = await openDatabase(ns, ns.dbName('ledger'));
      await Promise.all([models().Stock.init(), models().Reservation.init()]);
      const { logger } = memoryLogger();
      const writer = createSingleWriter();
      const aggregates = createAggregateRuntime({ writer, relay: { nudge: () => undefined }, logger });
      ledger = createStockLedger({ Stock: models().Stock, aggregates });
      engine = createReservationEngine({
        Reservation: models().Reservation,
        ledger,
        aggregates,
        writer,
        logger,
      });
    });
    after(() => ns.close());

    it('10 orders of 1 unit for 3 units: exactly 3 are reserved', async () => {
      const sku = newSku('LAST');
      await ledger.setStock(sku, { available: 3, ...oneEuro });
      const orders = Array.from({ length: 10 }, () => randomUUID());
      await Promise.all(orders.map((orderId) => reserve(orderId, [{ sku, quantity: 1 }])));

      const status = await statuses(orders);
      const reserved = orders.filter((id) => status.get(id) === 'RESERVED');
      expect(reserved).to.have.length(3);
      expect(orders.filter((id) => status.get(id) === 'FAILED')).to.have.length(7);
      expect(await conservedStock(models().Stock, sku)).to.deep.equal({
        available: 0,
        reserved: 3,
        sold: 0,
        received: 3,
        holders: [...reserved].sort(),
      });
    });

    it('multi-line orders: each holds all of its lines or none, and every unit is accounted for', async () => {
      const [a, b] = [newSku('A'), newSku('B')];
      await ledger.setStock(a, { available: 5, ...oneEuro });
      await ledger.setStock(b, { available: 3, ...oneEuro });
      const orders = Array.from({ length: 8 }, () => randomUUID());
      // Lines are walked by SKU, so every order takes A first: those that lose on B must give A back.
      await Promise.all(
        orders.map((orderId) =>
          reserve(orderId, [
            { sku: b, quantity: 1 },
            { sku: a, quantity: 1 },
          ]),
        ),
      );

      const status = await statuses(orders);
      const reserved = orders.filter((id) => status.get(id) === 'RESERVED').sort();
      expect(reserved).to.have.length(3);
      expect(await conservedStock(models().Stock, a)).to.deep.equal({
        available: 2,
        reserved: 3,
        sold: 0,
        received: 5,
        holders: reserved,
      });
      expect(await conservedStock(models().Stock, b)).to.deep.equal({
        available: 0,
        reserved: 3,
        sold: 0,
        received: 3,
        holders: reserved,
      });
    });

    it('the admin setting the stock while orders race loses neither the new stock nor a reservation', async () => {
      const sku = newSku('BUSY');
      await ledger.setStock(sku, { available: 4, ...oneEuro });
      const orders = Array.from({ length: 6 }, () => randomUUID());
      await Promise.all([
        ...orders.map((orderId) => reserve(orderId, [{ sku, quantity: 1 }])),
        ledger.setStock(sku, { available: 10, ...oneEuro }),
      ]);

      const status = await statuses(orders);
      const reserved = orders.filter((id) => status.get(id) === 'RESERVED').sort();
      const failed = orders.filter((id) => status.get(id) === 'FAILED');
      expect(reserved.length + failed.length).to.equal(orders.length);
      const stock = await conservedStock(models().Stock, sku);
      expect(stock.holders).to.deep.equal(reserved);
      expect(stock.reserved).to.equal(reserved.length);
      // The PUT left 10 units free at its moment: what was received is those 10 plus the units of the
      // first 4 that were already reserved then, and only an order arriving when all 4 were gone fails.
      const reservedBeforePut = stock.received - 10;
      expect(reservedBeforePut).to.be.within(0, Math.min(4, reserved.length));
      if (failed.length > 0) expect(reservedBeforePut).to.equal(4);
    });
  });
});
