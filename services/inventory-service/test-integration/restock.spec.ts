import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import type { TopicMessageMap } from '@saga/contracts';
import { createTestNamespace, type TestNamespace } from '@saga/testing';
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

/** inventory.restock over Kafka: a return's items go back into stock (sold → available), once. */
describe('restocking a return (Kafka + FerretDB)', function () {
  this.timeout(90_000);
  let ns: TestNamespace;
  let inventory: TestInventory;
  let orchestrator: Awaited<ReturnType<typeof startOrchestratorStub>>;
  let replies: Awaited<ReturnType<typeof startReplyListener>>;
  let restocks: Awaited<ReturnType<TestNamespace['publisher']>>;
  let answers: Awaited<ReturnType<TestNamespace['listen']>>;
  const stock = (sku: string) => conservedStock(modelsOf(inventory.running.context.db).Stock, sku);

  before(async () => {
    ns = await createTestNamespace('inventory-restock');
    // The restock topics first: a consumer that subscribed before its topic existed would see it
    // only at its next metadata refresh.
    [restocks, answers] = await Promise.all([
      ns.publisher(['inventory.restock']),
      ns.listen(['inventory.restocked', 'inventory.restock-failed']),
    ]);
    [inventory, orchestrator, replies] = await Promise.all([
      startInventory(ns),
      startOrchestratorStub(ns),
      startReplyListener(ns),
    ]);
  });
  after(() => ns.close());

  /** A SKU with `available` units of which an order bought (reserved and committed) `quantity`. */
  async function sold(available: number, quantity: number) {
    const sku = newSku();
    await putStock(inventory.url, sku, available);
    const orderId = inventory.newOrder();
    await orchestrator.reserve(orderId, [{ sku, quantity }]);
    const [reserved] = await replies.waitFor(orderId, 'inventory.reserved');
    if (!reserved) throw new Error('no reservation');
    await orchestrator.commit(orderId, reserved.value.reservationId);
    await replies.waitFor(orderId, 'inventory.completed');
    return { sku, orderId };
  }

  async function restock(value: TopicMessageMap['inventory.restock'], id: string = randomUUID()) {
    await restocks.publish('inventory.restock', value.orderId, value, { id });
    return id;
  }

  it('takes a return’s units back (sold → available) once, and answers a re-send and a redelivery without moving more', async () => {
    const { sku, orderId } = await sold(5, 2);
    const command = {
      orderId,
      sagaId: randomUUID(),
      returnId: randomUUID(),
      items: [{ sku, quantity: 1 }],
      requestedAt: new Date(),
    };

    const id = await restock(command);
    const [first] = await answers.waitFor(orderId, 'inventory.restocked');
    expect(first?.value).to.include({ orderId, returnId: command.returnId, sagaId: command.sagaId });
    expect(await stock(sku)).to.deep.include({ available: 4, reserved: 0, sold: 1, received: 5 });

    await restock(command);
    await answers.waitFor(orderId, 'inventory.restocked', 2);
    await restock(command, id);
    await sleep(1500);
    expect(await stock(sku)).to.deep.include({ available: 4, sold: 1 });
    expect(answers.forKey(orderId)).to.have.length(2);
  });

  it('fails a restock naming a SKU it holds no stock of, moving nothing', async () => {
    const { sku, orderId } = await sold(5, 2);
    const unknown = newSku('GONE');
    await restock({
      orderId,
      sagaId: randomUUID(),
      returnId: randomUUID(),
      items: [
        { sku, quantity: 1 },
        { sku: unknown, quantity: 1 },
      ],
      requestedAt: new Date(),
    });

    const [failed] = await answers.waitFor(orderId, 'inventory.restock-failed');
    expect(failed?.value).to.deep.include({ reason: 'SKU_NOT_FOUND', unknownSkus: [unknown] });
    expect(await stock(sku)).to.deep.include({ available: 3, sold: 2 });
  });
});
