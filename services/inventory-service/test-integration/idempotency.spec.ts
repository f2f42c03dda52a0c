import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { findCurrent } from '@saga/service-kit';
import type { ReservationDocument } from '../src/model/reservation-model.ts';
import { createTestNamespace, settle, type TestNamespace } from '@saga/testing';
import { conservedStock } from './support/stock-checks.ts';
import { putStock } from './support/http.ts';
import {
  modelsOf,
  newSku,
  startInventory,
  startOrchestratorStub,
  startReplyListener,
  type TestInventory,
} from './support/harness.ts';

/**
 * Every command is applied once per message id, whatever Kafka redelivers; a command sent again with a
 * new id (a retry by the orchestrator) gets the outcome it already had, without moving stock again.
 * One order's messages share a partition, so they are handled in the order sent: when the last
 * one's effect shows, the duplicates before it have been handled too.
 */
describe('redelivered and retried commands (Kafka + FerretDB)', function () {
  this.timeout(90_000);
  let inventory: TestInventory;
  let orchestrator: Awaited<ReturnType<typeof startOrchestratorStub>>;
  let replies: Awaited<ReturnType<typeof startReplyListener>>;
  const models = () => modelsOf(inventory.running.context.db);
  const stock = (sku: string) => conservedStock(models().Stock, sku);
  const processedIds = async (orderId: string) =>
    (await findCurrent<ReservationDocument>(models().Reservation, orderId))?.processedMessageIds;

  let ns: TestNamespace;
  before(async () => {
    ns = await createTestNamespace('inventory-idempotency');
    [inventory, orchestrator, replies] = await Promise.all([
      startInventory(ns),
      startOrchestratorStub(ns),
      startReplyListener(ns),
    ]);
  });
  after(() => ns.close());

  it('a reserve delivered twice holds the stock once and answers once; a retry is answered with the same reservation', async () => {
    const sku = newSku();
    await putStock(inventory.url, sku, 5);
    const orderId = inventory.newOrder();
    const first = randomUUID();
    await orchestrator.reserve(orderId, [{ sku, quantity: 2 }], first);
    await orchestrator.reserve(orderId, [{ sku, quantity: 2 }], first); // redelivered
    const retry = await orchestrator.reserve(orderId, [{ sku, quantity: 2 }]);

    const answers = await replies.waitFor(orderId, 'inventory.reserved', 2);
    await settle(500);
    expect(replies.forOrder(orderId)).to.have.length(2);
    expect(answers[1]?.value.reservationId).to.equal(answers[0]?.value.reservationId);
    expect(answers[1]?.value.reservedAt).to.deep.equal(answers[0]?.value.reservedAt);
    expect(await processedIds(orderId)).to.deep.equal([first, retry]);
    expect(await stock(sku)).to.deep.include({ available: 3, reserved: 2, holders: [orderId] });
  });

  it('a failed reserve delivered twice answers once; a retry gets the same failure', async () => {
    const sku = newSku();
    await putStock(inventory.url, sku, 1);
    const orderId = inventory.newOrder();
    const first = randomUUID();
    await orchestrator.reserve(orderId, [{ sku, quantity: 2 }], first);
    await orchestrator.reserve(orderId, [{ sku, quantity: 2 }], first);
    await orchestrator.reserve(orderId, [{ sku, quantity: 2 }]);

    const answers = await replies.waitFor(orderId, 'inventory.failed', 2);
    await settle(500);
    expect(replies.forOrder(orderId)).to.have.length(2);
    expect(answers.map((a) => [a.value.reason, a.value.unavailableSkus])).to.deep.equal([
      ['OUT_OF_STOCK', [sku]],
      ['OUT_OF_STOCK', [sku]],
    ]);
    expect(await stock(sku)).to.deep.include({ available: 1, reserved: 0 });
  });

  it('a commit delivered twice sells once; a retried commit answers inventory.completed again', async () => {
    const sku = newSku();
    await putStock(inventory.url, sku, 5);
    const orderId = inventory.newOrder();
    const reserve = await orchestrator.reserve(orderId, [{ sku, quantity: 2 }]);
    const [reservedReply] = await replies.waitFor(orderId, 'inventory.reserved');
    const reservationId = reservedReply?.value.reservationId ?? '';
    const commit = randomUUID();
    await orchestrator.commit(orderId, reservationId, commit);
    await orchestrator.commit(orderId, reservationId, commit); // redelivered
    const retry = await orchestrator.commit(orderId, reservationId);

    await replies.waitFor(orderId, 'inventory.completed', 2);
    await settle(500);
    expect(replies.forOrder(orderId).map((r) => r.topic)).to.deep.equal([
      'inventory.reserved',
      'inventory.completed',
      'inventory.completed',
    ]);
    expect(await processedIds(orderId)).to.deep.equal([reserve, commit, retry]);
    expect(await stock(sku)).to.deep.include({ available: 3, reserved: 0, sold: 2 });
  });

  it('a release delivered twice gives the stock back once; a retried release answers again', async () => {
    const sku = newSku();
    await putStock(inventory.url, sku, 5);
    const orderId = inventory.newOrder();
    await orchestrator.reserve(orderId, [{ sku, quantity: 2 }]);
    const [reservedReply] = await replies.waitFor(orderId, 'inventory.reserved');
    const reservationId = reservedReply?.value.reservationId ?? '';
    const release = randomUUID();
    await orchestrator.release(orderId, reservationId, release);
    await orchestrator.release(orderId, reservationId, release); // redelivered
    await orchestrator.release(orderId, reservationId);

    await replies.waitFor(orderId, 'inventory.released', 2);
    await settle(500);
    expect(replies.forOrder(orderId)).to.have.length(3);
    expect(await stock(sku)).to.deep.include({ available: 5, reserved: 0, sold: 0 });
  });

  it('applying the same message again by hand (as a redelivery after a crash would) changes nothing', async () => {
    const sku = newSku();
    await putStock(inventory.url, sku, 5);
    const orderId = inventory.newOrder();
    const id = await orchestrator.reserve(orderId, [{ sku, quantity: 2 }]);
    await replies.waitFor(orderId, 'inventory.reserved');
    const before = await findCurrent<ReservationDocument>(models().Reservation, orderId);

    await orchestrator.reserve(orderId, [{ sku, quantity: 2 }], id);
    await orchestrator.reserve(orderId, [{ sku, quantity: 2 }], id);
    await settle(1500);
    const after = await findCurrent<ReservationDocument>(models().Reservation, orderId);
    expect(after?.processedMessageIds).to.deep.equal([id]);
    expect(after?.updatedAt).to.deep.equal(before?.updatedAt);
    expect(replies.forOrder(orderId)).to.have.length(1);
    expect(await stock(sku)).to.deep.include({ available: 3, reserved: 2 });
  });
});
