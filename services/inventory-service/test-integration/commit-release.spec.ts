import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { findCurrent } from '@saga/service-kit';
import { finishedReservationsCollection, type ReservationDocument } from '../src/model/reservation-model.ts';
import { createTestNamespace, settle, type TestNamespace, waitFor } from '@saga/testing';
import { conservedStock } from './support/stock-checks.ts';
import { getStock, oneEuro, putStock, request } from './support/http.ts';
import {
  modelsOf,
  newSku,
  startInventory,
  startOrchestratorStub,
  startReplyListener,
  type TestInventory,
} from './support/harness.ts';

/** inventory.commit and inventory.release over Kafka: the stock a reservation holds is sold or given back. */
describe('committing and releasing (Kafka + FerretDB)', function () {
  this.timeout(90_000);
  let inventory: TestInventory;
  let orchestrator: Awaited<ReturnType<typeof startOrchestratorStub>>;
  let replies: Awaited<ReturnType<typeof startReplyListener>>;
  const stock = (sku: string) => conservedStock(modelsOf(inventory.running.context.db).Stock, sku);
  const statusOf = async (orderId: string) =>
    ((await request(inventory.url, 'GET', `/reservations/${orderId}`)).body as { status: string }).status;
  /** The log line saying a command for this order was ignored, once it is written. */
  const ignoredLine = async (orderId: string, command: string) => {
    let line: Record<string, unknown> | undefined;
    await waitFor(`the ignored ${command} of ${orderId} to be logged`, () => {
      line = inventory.log.find(
        (l) => l.orderId === orderId && l.command === command && String(l.msg).startsWith('command ignored'),
      );
      return line !== undefined;
    });
    return line ?? {};
  };

  /** A SKU with `available` units, and an order holding `quantity` of them; resolves with the reservation id. */
  const reserved = async (available: number, quantity: number) => {
    const sku = newSku();
    await putStock(inventory.url, sku, available);
    const orderId = inventory.newOrder();
    await orchestrator.reserve(orderId, [{ sku, quantity }]);
    const [reply] = await replies.waitFor(orderId, 'inventory.reserved');
    if (!reply) throw new Error('no reservation');
    return { sku, orderId, reservationId: reply.value.reservationId };
  };

  let ns: TestNamespace;
  before(async () => {
    ns = await createTestNamespace('inventory-commit-release');
    [inventory, orchestrator, replies] = await Promise.all([
      startInventory(ns),
      startOrchestratorStub(ns),
      startReplyListener(ns),
    ]);
  });
  after(() => ns.close());

  it('commit sells what was reserved (reserved → sold) and answers inventory.completed', async () => {
    const { sku, orderId, reservationId } = await reserved(5, 2);
    await orchestrator.commit(orderId, reservationId);

    const [reply] = await replies.waitFor(orderId, 'inventory.completed');
    expect(reply?.value).to.include({ orderId, reservationId });
    expect(await stock(sku)).to.deep.include({
      available: 3,
      reserved: 0,
      sold: 2,
      received: 5,
      holders: [],
    });
    expect(await statusOf(orderId)).to.equal('COMMITTED');
  });

  it('moves a committed reservation out of the collection commands read, and still answers for it from there', async () => {
    const { orderId, reservationId } = await reserved(5, 1);
    await orchestrator.commit(orderId, reservationId);
    await replies.waitFor(orderId, 'inventory.completed');
    const { Reservation } = modelsOf(inventory.running.context.db);
    const archived = Reservation.db.collection(finishedReservationsCollection);
    await waitFor(
      'the committed reservation to move to its archive',
      async () =>
        (await Reservation.exists({ _id: orderId })) === null &&
        (await archived.countDocuments({ _id: orderId as never })) === 1,
    );

    expect(await statusOf(orderId)).to.equal('COMMITTED');
    // A commit sent again (a saga re-sending on its deadline) is decided on the archived copy.
    await orchestrator.commit(orderId, reservationId);
    const answers = await replies.waitFor(orderId, 'inventory.completed', 2);
    expect(answers.map((reply) => reply.value.reservationId)).to.deep.equal([reservationId, reservationId]);
  });

  it('release gives what was reserved back (reserved → available) and answers inventory.released', async () => {
    const { sku, orderId, reservationId } = await reserved(5, 2);
    await orchestrator.release(orderId, reservationId);

    const [reply] = await replies.waitFor(orderId, 'inventory.released');
    expect(reply?.value).to.include({ orderId, reservationId });
    expect(await stock(sku)).to.deep.include({ available: 5, reserved: 0, sold: 0, holders: [] });
    expect(await statusOf(orderId)).to.equal('RELEASED');
    const stored = await findCurrent<ReservationDocument>(
      modelsOf(inventory.running.context.db).Reservation,
      orderId,
    );
    expect(stored?.releaseReason).to.equal('PAYMENT_DECLINED');
  });

  it('release of a reservation that failed answers inventory.released, so the compensating saga can finish', async () => {
    const sku = newSku();
    await putStock(inventory.url, sku, 1);
    const orderId = inventory.newOrder();
    await orchestrator.reserve(orderId, [{ sku, quantity: 2 }]);
    await replies.waitFor(orderId, 'inventory.failed');
    // inventory.failed names no reservation, so the saga can only name one of its own.
    const reservationId = randomUUID();
    await orchestrator.release(orderId, reservationId);

    const [reply] = await replies.waitFor(orderId, 'inventory.released');
    expect(reply?.value).to.include({ orderId, reservationId });
    expect(await stock(sku)).to.deep.include({ available: 1, reserved: 0 });
    expect(await statusOf(orderId)).to.equal('FAILED');
  });

  it('release for an order it never reserved for answers released, and a late reserve for it holds nothing', async () => {
    const sku = newSku();
    await putStock(inventory.url, sku, 3);
    const orderId = inventory.newOrder();
    const reservationId = randomUUID();
    await orchestrator.release(orderId, reservationId);
    const [reply] = await replies.waitFor(orderId, 'inventory.released');
    expect(reply?.value).to.include({ orderId, reservationId });

    await orchestrator.reserve(orderId, [{ sku, quantity: 1 }]);
    expect(await ignoredLine(orderId, 'reserve')).to.include({ level: 40, status: 'RELEASED' });
    expect(await stock(sku)).to.deep.include({ available: 3, reserved: 0 });
    expect(replies.forOrder(orderId).map((r) => r.topic)).to.deep.equal(['inventory.released']);
  });

  it('ignores and logs, as an error, a commit of a released reservation: nothing moves, nothing is answered', async () => {
    const { sku, orderId, reservationId } = await reserved(4, 1);
    await orchestrator.release(orderId, reservationId);
    await replies.waitFor(orderId, 'inventory.released');
    await orchestrator.commit(orderId, reservationId);

    expect(await ignoredLine(orderId, 'commit')).to.include({ level: 50, status: 'RELEASED' });
    expect(await stock(sku)).to.deep.include({ available: 4, reserved: 0, sold: 0 });
    await settle(500);
    expect(replies.forOrder(orderId).map((r) => r.topic)).to.deep.equal([
      'inventory.reserved',
      'inventory.released',
    ]);
  });

  it('ignores and logs a commit that names another reservation, keeping the stock held', async () => {
    const { sku, orderId } = await reserved(4, 1);
    await orchestrator.commit(orderId, randomUUID());

    const line = await ignoredLine(orderId, 'commit');
    expect(line).to.include({ level: 50 });
    expect(String(line.msg)).to.contain('names reservation');
    expect(await stock(sku)).to.deep.include({ available: 3, reserved: 1, sold: 0, holders: [orderId] });
    expect(await statusOf(orderId)).to.equal('RESERVED');
  });

  it('lets the admin set the free stock while units are held, leaving them held', async () => {
    const { sku, orderId } = await reserved(5, 2);
    await putStock(inventory.url, sku, 10);
    expect(await getStock(inventory.url, sku)).to.deep.equal({
      sku,
      available: 10,
      reserved: 2,
      sold: 0,
      received: 12,
      ...oneEuro,
    });
    expect(await stock(sku)).to.deep.include({ holders: [orderId] });
  });
});
