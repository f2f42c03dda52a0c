import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type mongoose from 'mongoose';
import { childTraceparent } from '@saga/events';
import { createAggregateRuntime, createSingleWriter } from '@saga/service-kit';
import { createTestNamespace, memoryLogger, type TestNamespace } from '@saga/testing';
import type { ReservationFailure } from '../src/domain/reservation-failure.ts';
import type { ReservationLine } from '../src/domain/reservation-line.ts';
import type { ReservationStatus } from '../src/domain/reservation-status.ts';
import { createStockLedger, type StockLedger } from '../src/model/stock-ledger.ts';
import { conservedStock } from './support/stock-checks.ts';
import { oneEuro, request } from './support/http.ts';
import {
  modelsOf,
  newSku,
  openDatabase,
  sagaOf,
  startInventory,
  startOrchestratorStub,
  startReplyListener,
  type TestInventory,
} from './support/harness.ts';

/**
 * A crash can stop the service between any two writes. Here the database is left exactly as such a
 * crash leaves it (the same ledger writes, then nothing), the service starts on it, and its start-up
 * sweep must finish or roll back every reservation left in flight, with stock conserved.
 */
describe('recovery after a crash mid-way (Kafka + FerretDB)', function () {
  this.timeout(120_000);
  let ns: TestNamespace;
  let dbName: string;
  const minuteAgo = new Date(Date.now() - 60_000);
  let inventory: TestInventory;
  let replies: Awaited<ReturnType<typeof startReplyListener>>;
  let orchestrator: Awaited<ReturnType<typeof startOrchestratorStub>>;

  /** One scenario's order, SKUs and the reservation id it was given before the crash. */
  interface Crash {
    readonly orderId: string;
    readonly reservationId: string;
    readonly skus: readonly string[];
  }
  const crashes: Record<string, Crash> = {};
  /** The id of the message that started the reservation touched a moment ago, to deliver it again. */
  const recentMessageId = randomUUID();
  /** Orders holding the crowded scenario's first SKU beside the crashed one. */
  const crowdedNeighbours = [randomUUID(), randomUUID()] as const;

  /** Writes a reservation as the process left it, last touched at `updatedAt`. */
  const leftBehind = async (
    db: mongoose.Connection,
    fields: {
      status: ReservationStatus;
      lines: ReservationLine[];
      failure?: ReservationFailure;
      updatedAt?: Date;
      messageId?: string;
    },
  ): Promise<Crash> => {
    const orderId = randomUUID();
    const reservationId = randomUUID();
    await modelsOf(db).Reservation.collection.insertOne({
      _id: orderId as never,
      reservationId,
      sagaId: sagaOf(orderId),
      status: fields.status,
      lines: fields.lines,
      failure: fields.failure ?? null,
      paymentId: null,
      releaseReason: null,
      traceparent: childTraceparent(),
      reservedAt: fields.status === 'RESERVING' ? null : minuteAgo,
      failedAt: null,
      committedAt: null,
      releasedAt: null,
      processedMessageIds: [fields.messageId ?? randomUUID()],
      outbox: [],
      createdAt: minuteAgo,
      updatedAt: fields.updatedAt ?? minuteAgo,
    });
    return { orderId, reservationId, skus: fields.lines.map((line) => line.sku) };
  };

  before(async () => {
    ns = await createTestNamespace('inventory-recovery');
    dbName = ns.dbName('crashed');
    const db = await openDatabase(ns, dbName);
    const { Stock, Reservation } = modelsOf(db);
    await Promise.all([Stock.init(), Reservation.init()]);
    const aggregates = createAggregateRuntime({
      writer: createSingleWriter(),
      relay: { nudge: () => undefined },
      logger: memoryLogger().logger,
    });
    const ledger: StockLedger = createStockLedger({ Stock, aggregates });
    const twoSkus = async (first: number, second: number) => {
      const skus = [newSku('A'), newSku('B')] as const;
      await ledger.setStock(skus[0], { available: first, ...oneEuro });
      await ledger.setStock(skus[1], { available: second, ...oneEuro });
      return skus;
    };

    {
      // RESERVING, died after holding the first of two lines; the second still fits.
      const [a, b] = await twoSkus(5, 5);
      crashes.completes = await leftBehind(db, {
        status: 'RESERVING',
        lines: [
          { sku: a, quantity: 2 },
          { sku: b, quantity: 1 },
        ],
      });
      await ledger.takeHold(a, crashes.completes.orderId, 2, 'EUR');
    }
    {
      // RESERVING, died after holding the first line, which other orders hold too (one hold before
      // its own, one after): taking the line again must see its own hold among theirs.
      const [a, b] = await twoSkus(10, 5);
      crashes.crowded = await leftBehind(db, {
        status: 'RESERVING',
        lines: [
          { sku: a, quantity: 2 },
          { sku: b, quantity: 1 },
        ],
      });
      await ledger.takeHold(a, crowdedNeighbours[0], 1, 'EUR');
      await ledger.takeHold(a, crashes.crowded.orderId, 2, 'EUR');
      await ledger.takeHold(a, crowdedNeighbours[1], 3, 'EUR');
    }
    {
      // RESERVING, died after holding the first line; the second has run out meanwhile.
      const [a, b] = await twoSkus(5, 0);
      crashes.rollsBack = await leftBehind(db, {
        status: 'RESERVING',
        lines: [
          { sku: a, quantity: 2 },
          { sku: b, quantity: 1 },
        ],
      });
      await ledger.takeHold(a, crashes.rollsBack.orderId, 2, 'EUR');
    }
    {
      // ROLLING_BACK, died after giving the first hold back and before the second.
      const [a, b] = await twoSkus(5, 5);
      const lines = [
        { sku: a, quantity: 1 },
        { sku: b, quantity: 3 },
      ];
      crashes.rollingBack = await leftBehind(db, {
        status: 'ROLLING_BACK',
        lines,
        failure: { reason: 'OUT_OF_STOCK', unavailableSkus: ['SKU-gone'] },
      });
      await ledger.takeHold(a, crashes.rollingBack.orderId, 1, 'EUR');
      await ledger.takeHold(b, crashes.rollingBack.orderId, 3, 'EUR');
      await ledger.releaseHold(a, crashes.rollingBack.orderId);
    }
    {
      // COMMITTING, died after selling the first line and before the second.
      const [a, b] = await twoSkus(5, 5);
      crashes.committing = await leftBehind(db, {
        status: 'COMMITTING',
        lines: [
          { sku: a, quantity: 2 },
          { sku: b, quantity: 2 },
        ],
      });
      await ledger.takeHold(a, crashes.committing.orderId, 2, 'EUR');
      await ledger.takeHold(b, crashes.committing.orderId, 2, 'EUR');
      await ledger.commitHold(a, crashes.committing.orderId);
    }
    {
      // RELEASING, died after giving the first line back and before the second.
      const [a, b] = await twoSkus(5, 5);
      crashes.releasing = await leftBehind(db, {
        status: 'RELEASING',
        lines: [
          { sku: a, quantity: 1 },
          { sku: b, quantity: 4 },
        ],
      });
      await ledger.takeHold(a, crashes.releasing.orderId, 1, 'EUR');
      await ledger.takeHold(b, crashes.releasing.orderId, 4, 'EUR');
      await ledger.releaseHold(a, crashes.releasing.orderId);
    }
    {
      // RESERVING, touched a moment ago: perhaps another replica is at it; its message will come again.
      const [a, b] = await twoSkus(5, 5);
      crashes.recent = await leftBehind(db, {
        status: 'RESERVING',
        lines: [
          { sku: a, quantity: 1 },
          { sku: b, quantity: 1 },
        ],
        updatedAt: new Date(),
        messageId: recentMessageId,
      });
      await ledger.takeHold(a, crashes.recent.orderId, 1, 'EUR');
    }
    await db.close();

    [replies, orchestrator] = await Promise.all([startReplyListener(ns), startOrchestratorStub(ns)]);
    inventory = await startInventory(ns, { dbName });
  });
  after(() => ns.close());

  const crash = (name: string): Crash => {
    const found = crashes[name];
    if (!found) throw new Error(`no crash scenario ${name}`);
    return found;
  };
  const stock = (sku: string | undefined) =>
    conservedStock(modelsOf(inventory.running.context.db).Stock, sku ?? 'missing');
  const statusOf = async (orderId: string) =>
    ((await request(inventory.url, 'GET', `/reservations/${orderId}`)).body as { status: string }).status;

  it('finishes a reservation that died half-held when the rest still fits: RESERVED, inventory.reserved', async () => {
    const { orderId, reservationId, skus } = crash('completes');
    expect(await statusOf(orderId)).to.equal('RESERVED');
    expect(await stock(skus[0])).to.deep.include({ available: 3, reserved: 2, holders: [orderId] });
    expect(await stock(skus[1])).to.deep.include({ available: 4, reserved: 1, holders: [orderId] });
    const [reply] = await replies.waitFor(orderId, 'inventory.reserved');
    expect(reply?.value).to.include({ orderId, reservationId, sagaId: sagaOf(orderId) });
  });

  it('finishes a half-held reservation whose held line other orders hold too, holding each line once', async () => {
    const { orderId, skus } = crash('crowded');
    expect(await statusOf(orderId)).to.equal('RESERVED');
    expect(await stock(skus[0])).to.deep.include({
      available: 4,
      reserved: 6,
      holders: [orderId, ...crowdedNeighbours].sort(),
    });
    expect(await stock(skus[1])).to.deep.include({ available: 4, reserved: 1, holders: [orderId] });
    await replies.waitFor(orderId, 'inventory.reserved');
  });

  it('rolls back a reservation that died half-held when the rest does not fit: FAILED, holds given back', async () => {
    const { orderId, skus } = crash('rollsBack');
    expect(await statusOf(orderId)).to.equal('FAILED');
    expect(await stock(skus[0])).to.deep.include({ available: 5, reserved: 0, holders: [] });
    expect(await stock(skus[1])).to.deep.include({ available: 0, reserved: 0, holders: [] });
    const [reply] = await replies.waitFor(orderId, 'inventory.failed');
    expect(reply?.value).to.include({ reason: 'OUT_OF_STOCK' });
    expect(reply?.value.unavailableSkus).to.deep.equal([skus[1]]);
  });

  it('finishes a rollback that died half-way, reporting the failure it had recorded', async () => {
    const { orderId, skus } = crash('rollingBack');
    expect(await statusOf(orderId)).to.equal('FAILED');
    expect(await stock(skus[0])).to.deep.include({ available: 5, reserved: 0, holders: [] });
    expect(await stock(skus[1])).to.deep.include({ available: 5, reserved: 0, holders: [] });
    const [reply] = await replies.waitFor(orderId, 'inventory.failed');
    expect(reply?.value.unavailableSkus).to.deep.equal(['SKU-gone']);
  });

  it('finishes a commit that died half-way, selling each line exactly once', async () => {
    const { orderId, reservationId, skus } = crash('committing');
    expect(await statusOf(orderId)).to.equal('COMMITTED');
    for (const sku of skus) {
      expect(await stock(sku), sku).to.deep.include({ available: 3, reserved: 0, sold: 2, holders: [] });
    }
    const [reply] = await replies.waitFor(orderId, 'inventory.completed');
    expect(reply?.value).to.include({ reservationId });
  });

  it('finishes a release that died half-way, giving each line back exactly once', async () => {
    const { orderId, skus } = crash('releasing');
    expect(await statusOf(orderId)).to.equal('RELEASED');
    for (const sku of skus) {
      expect(await stock(sku), sku).to.deep.include({ available: 5, reserved: 0, sold: 0, holders: [] });
    }
    await replies.waitFor(orderId, 'inventory.released');
  });

  it('leaves a reservation touched a moment ago to its redelivered message, which then finishes it', async () => {
    const { orderId, skus } = crash('recent');
    // The sweep ran before the service started answering: it did not take this one.
    expect(await statusOf(orderId)).to.equal('RESERVING');
    expect(
      inventory.log.some(
        (line) => line.orderId === orderId && line.msg === 'recovered a reservation left in flight',
      ),
    ).to.equal(false);

    await orchestrator.reserve(
      orderId,
      skus.map((sku) => ({ sku, quantity: 1 })),
      recentMessageId,
    );
    await replies.waitFor(orderId, 'inventory.reserved');
    expect(await statusOf(orderId)).to.equal('RESERVED');
    for (const sku of skus)
      expect(await stock(sku), sku).to.deep.include({ available: 4, reserved: 1, holders: [orderId] });
  });

  it('logs each reservation it recovered, with where it was and where it ended', () => {
    const recovered = inventory.log.filter((line) => line.msg === 'recovered a reservation left in flight');
    expect(recovered.map((line) => [line.from, line.to]).sort()).to.deep.equal(
      [
        ['COMMITTING', 'COMMITTED'],
        ['RELEASING', 'RELEASED'],
        ['RESERVING', 'FAILED'],
        ['RESERVING', 'RESERVED'],
        ['RESERVING', 'RESERVED'],
        ['ROLLING_BACK', 'FAILED'],
      ].sort(),
    );
  });
});
