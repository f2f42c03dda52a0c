import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { CancelReason } from '@saga/contracts';
import { createTestNamespace, type TestNamespace, waitFor } from '@saga/testing';
import type { OrderView } from '../src/http/order-view.ts';
import { postOrder, request } from './support/http.ts';
import {
  startOrderService,
  startSaga,
  reportServiceErrorsOnFailure,
  type TestOrderService,
} from './support/stack.ts';

/** order.confirm and order.cancel, published as the orchestrator would, applied by the running service. */
describe('saga decisions (order.confirm, order.cancel)', function () {
  this.timeout(120_000);
  let service: TestOrderService;
  let saga: Awaited<ReturnType<typeof startSaga>>;
  let acks: Awaited<ReturnType<typeof ns.listen<'order.confirmed' | 'order.cancelled'>>>;

  let ns: TestNamespace;
  before(async () => {
    ns = await createTestNamespace('order-order-decisions');
    saga = await startSaga(ns);
    acks = await ns.listen(['order.confirmed', 'order.cancelled']);
    service = await startOrderService(ns);
  });
  afterEach(reportServiceErrorsOnFailure(() => service));
  after(() => ns.close());

  const place = async () => {
    const placed = await postOrder<{ orderId: string }>(service.url, {
      customerId: `customer-${randomUUID()}`,
      currency: 'EUR',
      items: [{ sku: 'SKU-1', quantity: 1 }],
    });
    return placed.body.orderId;
  };
  const view = async (orderId: string) => (await request<OrderView>(`${service.url}/orders/${orderId}`)).body;
  /**
   * The stored order, without its outbox and its pending flag (the relay drains order.created whenever
   * it gets to it), wherever it is: a settled order moves to the archive once that is sent.
   */
  const stored = async (orderId: string) => service.stored.find(orderId, { outbox: 0, outboxPending: 0 });
  const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
  const confirmation = (orderId: string) => ({
    orderId,
    sagaId: randomUUID(),
    reservationId: randomUUID(),
    paymentId: randomUUID(),
    pricedLines: [{ sku: 'SKU-1', quantity: 1, unitPrice: eur(1250) }],
    total: eur(1250),
    confirmedAt: new Date(),
  });
  const cancellation = (orderId: string, reason: CancelReason = 'OUT_OF_STOCK') => ({
    orderId,
    sagaId: randomUUID(),
    reason,
    detail: 'not available: SKU-1',
    cancelledAt: new Date(),
  });
  /** The service's log lines about one consumed message. */
  const logged = (messageId: string) => service.logs.filter((line) => line.messageId === messageId);
  /**
   * The consumer's failure lines about one order's messages (keyed by order id). Filtered by key: the
   * group reads from the beginning, so poison other suites left on the topic is dead-lettered here too.
   */
  const handlerFailures = (orderId: string) =>
    service.logs.filter(
      (line) =>
        line.key === orderId &&
        typeof line.msg === 'string' &&
        (line.msg.startsWith('message handling failed') ||
          line.msg === 'message dead-lettered; the consumer goes on with the next one'),
    );

  it('confirms a PENDING order with the lines at the shop’s prices and the total charged', async () => {
    const orderId = await place();
    const placedAt = (await view(orderId)).updatedAt;
    expect(await view(orderId)).to.deep.include({ pricedLines: [], total: null });
    const command = confirmation(orderId);
    await saga.confirm(command);
    await waitFor('the order to be confirmed', async () => (await view(orderId)).status === 'CONFIRMED');

    const confirmed = await view(orderId);
    expect(confirmed).to.not.have.property('cancelReason');
    expect(confirmed).to.deep.include({
      items: [{ sku: 'SKU-1', quantity: 1 }],
      pricedLines: [{ sku: 'SKU-1', quantity: 1, unitPrice: 1250 }],
      total: 1250,
      currency: 'EUR',
    });
    expect(Date.parse(confirmed.updatedAt)).to.be.at.least(Date.parse(placedAt));
    expect((await stored(orderId))?.sagaId).to.equal(command.sagaId);
  });

  it('acknowledges each decision to its saga (order.confirmed, order.cancelled), in the command’s trace', async () => {
    const confirmedId = await place();
    const confirm = confirmation(confirmedId);
    const confirmTrace = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await saga.confirm(confirm, { traceparent: confirmTrace });
    const cancelledId = await place();
    const cancel = cancellation(cancelledId);
    await saga.cancel(cancel);

    const [confirmed] = await acks.waitFor(confirmedId, 'order.confirmed');
    const [cancelled] = await acks.waitFor(cancelledId, 'order.cancelled');
    expect(confirmed?.value).to.include({ orderId: confirmedId, sagaId: confirm.sagaId });
    expect(confirmed?.context.traceparent.split('-')[1]).to.equal(confirmTrace.split('-')[1]);
    expect(cancelled?.value).to.include({ orderId: cancelledId, sagaId: cancel.sagaId });
    expect(acks.forKey(confirmedId, 'order.cancelled')).to.deep.equal([]);
  });

  it('acknowledges a command sent again (its first acknowledgement lost) once more, changing nothing else', async () => {
    const orderId = await place();
    const command = confirmation(orderId);
    await saga.confirm(command);
    await acks.waitFor(orderId, 'order.confirmed');
    const once = await stored(orderId);

    const again = randomUUID();
    await saga.confirm({ ...command, confirmedAt: new Date() }, { id: again });
    const both = await acks.waitFor(orderId, 'order.confirmed', 2);

    expect(both.map((ack) => ack.value.sagaId)).to.deep.equal([command.sagaId, command.sagaId]);
    expect(logged(again)[0]).to.deep.include({ orderId, status: 'CONFIRMED' });
    const twice = await stored(orderId);
    expect(twice).to.deep.include({ status: 'CONFIRMED', sagaId: command.sagaId });
    expect(twice?.processedMessageIds).to.have.length((once?.processedMessageIds.length ?? 0) + 1);
  });

  it('cancels a PENDING order with the saga’s reason', async () => {
    const orderId = await place();
    const command = cancellation(orderId, 'PAYMENT_DECLINED');
    await saga.cancel(command);
    await waitFor('the order to be cancelled', async () => (await view(orderId)).status === 'CANCELLED');

    expect((await view(orderId)).cancelReason).to.equal('PAYMENT_DECLINED');
    expect(await stored(orderId)).to.deep.include({
      sagaId: command.sagaId,
      cancelDetail: 'not available: SKU-1',
    });
  });

  it('applies a message delivered twice once: the second delivery changes nothing', async () => {
    const orderId = await place();
    const messageId = randomUUID();
    await saga.cancel(cancellation(orderId, 'OUT_OF_STOCK'), { id: messageId });
    await waitFor('the order to be cancelled', async () => (await view(orderId)).status === 'CANCELLED');
    const once = await stored(orderId);

    await saga.cancel(cancellation(orderId, 'OUT_OF_STOCK'), { id: messageId });
    await waitFor('the redelivery to be handled', () =>
      logged(messageId).some(
        (line) => line.msg === 'decision already applied (message delivered again); nothing changed',
      ),
    );
    expect(await stored(orderId)).to.deep.equal(once);
    expect(once?.processedMessageIds).to.deep.equal([messageId]);
  });

  it('lets a decision for a settled order change nothing, and logs the order’s current status', async () => {
    const orderId = await place();
    const confirmId = randomUUID();
    await saga.confirm(confirmation(orderId), { id: confirmId });
    await waitFor('the order to be confirmed', async () => (await view(orderId)).status === 'CONFIRMED');
    const confirmed = await stored(orderId);

    const lateCancel = randomUUID();
    const lateConfirm = randomUUID();
    await saga.cancel(cancellation(orderId), { id: lateCancel });
    await saga.confirm(confirmation(orderId), { id: lateConfirm });
    await waitFor(
      'both late commands to be handled',
      () => logged(lateCancel).length > 0 && logged(lateConfirm).length > 0,
    );

    expect(logged(lateCancel)[0]).to.deep.include({
      orderId,
      status: 'CONFIRMED',
      msg: 'order is already CONFIRMED, a terminal status; the cancel changes nothing',
    });
    expect(logged(lateConfirm)[0]).to.deep.include({ orderId, status: 'CONFIRMED' });
    // The late confirm is acknowledged again (a write of its own); the cancel is not acknowledged at all.
    expect(await stored(orderId)).to.deep.include({
      status: confirmed?.status,
      sagaId: confirmed?.sagaId,
      total: confirmed?.total,
    });
    expect((await view(orderId)).status).to.equal('CONFIRMED');
    await acks.waitFor(orderId, 'order.confirmed', 2);
    expect(acks.forKey(orderId, 'order.cancelled')).to.deep.equal([]);
  });

  it('keeps a cancelled order cancelled when a confirm comes after', async () => {
    const orderId = await place();
    await saga.cancel(cancellation(orderId, 'ACCOUNT_NOT_FOUND'));
    await waitFor('the order to be cancelled', async () => (await view(orderId)).status === 'CANCELLED');
    const cancelled = await stored(orderId);

    const late = randomUUID();
    await saga.confirm(confirmation(orderId), { id: late });
    await waitFor('the late confirm to be handled', () => logged(late).length > 0);
    expect(logged(late)[0]).to.deep.include({ status: 'CANCELLED', level: 40 });
    expect(await stored(orderId)).to.deep.equal(cancelled);
    expect(acks.forKey(orderId, 'order.confirmed')).to.deep.equal([]);
    expect((await view(orderId)).cancelReason).to.equal('ACCOUNT_NOT_FOUND');
  });

  it('logs and skips a decision for an order it does not know, and goes on consuming', async () => {
    const unknown = randomUUID();
    const messageId = randomUUID();
    await saga.confirm(confirmation(unknown), { id: messageId });
    await waitFor('the unknown order’s confirm to be handled', () => logged(messageId).length > 0);
    expect(logged(messageId)[0]).to.deep.include({
      orderId: unknown,
      msg: 'no such order; the confirm is skipped',
    });
    expect(await stored(unknown)).to.equal(null);

    const orderId = await place();
    await saga.confirm(confirmation(orderId));
    await waitFor('the next order to be confirmed', async () => (await view(orderId)).status === 'CONFIRMED');
    expect([...handlerFailures(unknown), ...handlerFailures(orderId)]).to.deep.equal([]);
  });
});
