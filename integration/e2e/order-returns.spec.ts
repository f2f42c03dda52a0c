import { expect } from 'chai';
import { api, line, settled, unique, type ReturnView } from './support/platform-client.ts';

/**
 * The return saga end to end: a customer returns lines of a CONFIRMED order; the order approves the
 * return, inventory takes the items back, payment refunds the lines at the prices charged, and the
 * order records the return COMPLETED with what was refunded. Four services as separate processes,
 * over the real Kafka, registry and store.
 */
describe('order returns', function () {
  this.timeout(120_000);

  /** A CONFIRMED order of `quantity` units of a new SKU at 12.50, by a new customer with 100.00. */
  async function confirmedOrder(quantity: number) {
    const [sku, customer] = [unique('sku'), unique('customer')];
    expect((await api.putStock(sku, 10, 1250)).status).to.equal(200);
    expect((await api.putAccount(customer, 10_000)).status).to.be.oneOf([200, 201]);
    const placed = await api.placeOrder({
      customerId: customer,
      currency: 'EUR',
      items: [line(sku, quantity)],
    });
    expect(placed.status, JSON.stringify(placed.body)).to.equal(202);
    const order = await settled(placed.body.orderId);
    expect(order.status).to.equal('CONFIRMED');
    return { sku, customer, orderId: order.orderId };
  }

  /** Asks for a return and expects it REQUESTED. */
  async function requestReturn(orderId: string, customer: string, items: ReturnType<typeof line>[]) {
    const asked = await api.requestReturn(orderId, customer, items);
    expect(asked.status, JSON.stringify(asked.body)).to.equal(202);
    expect(asked.body.status).to.equal('REQUESTED');
    return asked.body.returnId;
  }

  /** Polls until the return is COMPLETED or REJECTED. */
  async function returnSettled(orderId: string, returnId: string, timeoutMs = 60_000): Promise<ReturnView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await api.getReturns(orderId)).find((ret) => ret.returnId === returnId);
      if (found && (found.status === 'COMPLETED' || found.status === 'REJECTED')) return found;
      if (Date.now() > deadline)
        throw new Error(`return ${returnId} still ${found?.status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  it('completes a return of part of an order: refunded at the price charged, restocked, the account credited', async () => {
    const { sku, customer, orderId } = await confirmedOrder(3);
    const stockBefore = (await api.getStock(sku)).body;
    expect(stockBefore).to.include({ available: 7 });

    const returnId = await requestReturn(orderId, customer, [line(sku, 2)]);
    const done = await returnSettled(orderId, returnId);

    expect(done).to.deep.include({ status: 'COMPLETED', refunded: 2500, items: [{ sku, quantity: 2 }] });
    expect((await api.getStock(sku)).body).to.include({ available: 9, reserved: 0 });
    expect((await api.getAccount(customer)).body.balance).to.equal(10_000 - 3750 + 2500);
  });

  it('rejects a return of more than was bought, counting the earlier return, and moves nothing', async () => {
    const { sku, customer, orderId } = await confirmedOrder(2);
    const first = await requestReturn(orderId, customer, [line(sku, 1)]);
    expect((await returnSettled(orderId, first)).status).to.equal('COMPLETED');

    const tooMany = await requestReturn(orderId, customer, [line(sku, 2)]);
    const rejected = await returnSettled(orderId, tooMany);

    expect(rejected).to.deep.include({
      status: 'REJECTED',
      rejectReason: 'MORE_THAN_BOUGHT',
      refunded: null,
    });
    expect((await api.getStock(sku)).body).to.include({ available: 9 });
    expect((await api.getAccount(customer)).body.balance).to.equal(10_000 - 2500 + 1250);
  });

  it('rejects a return of a cancelled order', async () => {
    const [sku, customer] = [unique('sku'), unique('customer')];
    expect((await api.putStock(sku, 1, 1250)).status).to.equal(200);
    expect((await api.putAccount(customer, 10_000)).status).to.be.oneOf([200, 201]);
    const placed = await api.placeOrder({ customerId: customer, currency: 'EUR', items: [line(sku, 2)] });
    const order = await settled(placed.body.orderId);
    expect(order.status).to.equal('CANCELLED');

    const returnId = await requestReturn(order.orderId, customer, [line(sku, 1)]);

    expect(await returnSettled(order.orderId, returnId)).to.deep.include({
      status: 'REJECTED',
      rejectReason: 'ORDER_NOT_CONFIRMED',
    });
  });

  it('keeps a refund to a closed account owed: the saga needs attention, and completes once the account is reopened and the saga retried', async function () {
    // The refund is re-sent by its policy before the saga needs attention: `npm run test:e2e` starts the
    // orchestrator with SAGA_STEP_POLICIES shortening it to 3 s, 6 s, 12 s; on a stack with the
    // definition's own (30 s, 60 s, 120 s) it takes 3.5 minutes, within this test's time.
    this.timeout(300_000);
    const { sku, customer, orderId } = await confirmedOrder(1);
    expect((await api.setAccountStatus(customer, 'CLOSED')).status).to.equal(200);

    const returnId = await requestReturn(orderId, customer, [line(sku, 1)]);
    let sagaId: string | undefined;
    const deadline = Date.now() + 280_000;
    while (sagaId === undefined) {
      const { body } = await api.listSagas({ saga: 'return', status: 'NEEDS_ATTENTION', returnId });
      sagaId = body.sagas[0]?.sagaId;
      if (Date.now() > deadline) throw new Error(`return ${returnId}'s saga never needed attention`);
      if (sagaId === undefined) await new Promise((r) => setTimeout(r, 1000));
    }
    const listed = await api.listSagas({ status: 'NEEDS_ATTENTION' });
    expect(listed.body.sagas.map((saga) => saga.sagaId)).to.include(sagaId);
    expect((await api.getAccount(customer)).body.balance).to.equal(10_000 - 1250);

    expect((await api.setAccountStatus(customer, 'OPEN')).status).to.equal(200);
    const retried = await api.retrySaga(sagaId);
    expect(retried.status, JSON.stringify(retried.body)).to.equal(200);

    expect(await returnSettled(orderId, returnId)).to.deep.include({ status: 'COMPLETED', refunded: 1250 });
    expect((await api.getAccount(customer)).body.balance).to.equal(10_000);
  });
});
