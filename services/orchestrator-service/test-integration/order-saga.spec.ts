import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { TopicMessageMap, TopicName } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import { runService, type RunningService } from '@saga/service-kit';
import {
  bearer,
  createTestNamespace,
  testTokens,
  waitFor,
  type TestListener,
  type TestNamespace,
  type TestPublisher,
} from '@saga/testing';
import {
  finishedSagasCollection,
  sagaModel,
  sagaTopics,
  type HistoryEntry,
  type StepRecord,
} from '@saga/saga-runtime';
import { orderSagaBinding } from '../src/order-saga-binding.ts';
import { createOrchestratorService } from '../src/service.ts';
import { patientPolicies } from './support/step-policies.ts';

const { publishes: commandTopics, consumes } = sagaTopics(orderSagaBinding);
const opsAuthorization = bearer(testTokens.ops);
const parentTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
const traceparent = `00-${parentTrace}-00f067aa0ba902b7-01`;

/** GET /sagas answers, as JSON. */
interface SagaBody {
  sagaId: string;
  orderId: string;
  status: string;
  currentStep: { index: number; name: string } | null;
  failureReason: string | null;
  data: Record<string, unknown>;
  steps: (Omit<StepRecord, 'startedAt' | 'endedAt'> & { startedAt: string | null; endedAt: string | null })[];
  history: (HistoryEntry & { at: string })[];
  finalCommands: { topic: string; attempts: number; deadlineAt: string | null }[];
  deadlineAt: string | null;
  attention: { step: { index: number; name: string } | null; reason: string; detail: string } | null;
  version: number;
}

/**
 * The orchestrator as it runs, against Kafka, the registry and FerretDB. The test plays the order
 * service (publishes order.created) and the participants (answer each command), and reads the
 * commands the orchestrator sends with a listener of its own.
 */
describe('orchestrator-service: the order saga over Kafka', function () {
  this.timeout(120_000);
  let ns: TestNamespace;
  let service: RunningService;
  let participants: TestPublisher<(typeof consumes)[number]>;
  let listener: TestListener<(typeof commandTopics)[number]>;

  before(async () => {
    ns = await createTestNamespace('orchestrator-order-saga');
    [listener, participants] = await Promise.all([ns.listen(commandTopics), ns.publisher(consumes)]);
    // Deadlines far away: this suite plays every participant itself, at its own pace (deadlines.spec.ts
    // is about what happens when one does not answer).
    service = await runService(createOrchestratorService({ stepPolicies: patientPolicies }), {
      ...ns.serviceOptions('orchestrator-service'),
      env: { ...ns.env, LOG_LEVEL: 'warn' },
    });
  });
  after(async () => {
    await service.stop();
    await ns.close();
  });

  // --- the test's side of the conversation ---

  /** Publishes order.created for a new order (or the given one), as the order service would. */
  async function placeOrder(orderId: string = randomUUID(), options: { id?: string; key?: string } = {}) {
    await participants.publish(
      'order.created',
      options.key ?? orderId,
      { ...topicSamples['order.created'], orderId },
      { traceparent, ...(options.id === undefined ? {} : { id: options.id }) },
    );
    return orderId;
  }

  /** Waits for the orchestrator's command of `topic` for the order, and returns it. */
  async function command<T extends TopicName>(orderId: string, topic: T) {
    await waitFor(`${topic} for order ${orderId}`, () =>
      listener.forKey(orderId).some((r) => r.topic === topic),
    );
    const received = listener.forKey(orderId).find((r) => r.topic === topic);
    if (!received) throw new Error(`no ${topic}`);
    return { value: received.value as TopicMessageMap[T], context: received.context };
  }

  /** The topics of the commands the orchestrator sent for the order so far, each message once. */
  const commandsFor = (orderId: string) => listener.forKey(orderId).map((r) => r.topic);

  /** Publishes a participant's reply for the order's saga; returns its message id. */
  async function reply<T extends TopicName>(
    topic: T,
    ids: { orderId: string; sagaId: string },
    options: { changes?: Partial<TopicMessageMap[T]>; id?: string; key?: string } = {},
  ): Promise<string> {
    const value = { ...topicSamples[topic], ...ids, ...options.changes } as TopicMessageMap[T];
    const meta = await participants.publish(topic, options.key ?? ids.orderId, value, {
      ...(options.id === undefined ? {} : { id: options.id }),
    });
    return meta.id;
  }

  async function get(path: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${service.url}${path}`, { headers: opsAuthorization });
    return { status: response.status, body: await response.json() };
  }

  async function sagaOf(orderId: string): Promise<SagaBody> {
    const { status, body } = await get(`/sagas?orderId=${orderId}`);
    expect(status, `GET /sagas?orderId=${orderId}`).to.equal(200);
    return body as SagaBody;
  }

  /** Places an order and waits for its saga to ask for the stock: the ids every reply carries. */
  async function startedSaga() {
    const orderId = await placeOrder();
    const reserve = await command(orderId, 'inventory.reserve');
    return { orderId, sagaId: reserve.value.sagaId };
  }

  const historyOf = (saga: SagaBody) =>
    saga.history.map((entry) =>
      entry.direction === 'SENT'
        ? `SENT ${entry.topic}`
        : entry.direction === 'RECEIVED'
          ? `RECEIVED ${entry.topic} ${entry.outcome}${entry.reason ? ` ${entry.reason}` : ''}`
          : entry.direction,
    );

  // --- the specification ---

  it('starts a saga from order.created and asks inventory to reserve, keyed by the order, in its trace', async () => {
    const orderId = await placeOrder();

    const reserve = await command(orderId, 'inventory.reserve');

    expect(reserve.context.key).to.equal(orderId);
    expect(reserve.context.traceparent.split('-')[1]).to.equal(parentTrace);
    expect(reserve.value).to.deep.include({
      orderId,
      items: topicSamples['order.created'].items,
      currency: topicSamples['order.created'].currency,
    });
    expect(reserve.value.requestedAt).to.be.instanceOf(Date);
    const saga = await sagaOf(orderId);
    expect(saga).to.include({ sagaId: reserve.value.sagaId, orderId, status: 'RUNNING', version: 0 });
    expect(saga.currentStep).to.deep.equal({ index: 0, name: 'reserveInventory' });
    expect(saga.history.find((entry) => entry.direction === 'SENT')?.messageId).to.equal(reserve.context.id);
    const { status, body } = await get(`/sagas/${saga.sagaId}`);
    expect(status).to.equal(200);
    expect(body).to.deep.equal(saga);
  });

  it('happy path: reserved → payment.request of the priced total, paid → inventory.commit, committed → order.confirm with the priced lines, confirmed → COMPLETED', async () => {
    const ids = await startedSaga();
    const order = topicSamples['order.created'];
    const { reservationId, pricedLines, total } = topicSamples['inventory.reserved'];
    const { paymentId } = topicSamples['payment.success'];

    await reply('inventory.reserved', ids);
    const request = await command(ids.orderId, 'payment.request');
    // The shop's total from inventory.reserved, not order.created's (a deprecated zero).
    expect(request.value).to.deep.include({ ...ids, customerId: order.customerId, amount: total });

    await reply('payment.success', ids);
    const commit = await command(ids.orderId, 'inventory.commit');
    expect(commit.value).to.deep.include({ ...ids, reservationId, paymentId });

    await reply('inventory.completed', ids);
    const confirm = await command(ids.orderId, 'order.confirm');
    expect(confirm.value).to.deep.include({ ...ids, reservationId, paymentId, pricedLines, total });
    expect(confirm.context.key).to.equal(ids.orderId);

    expect(commandsFor(ids.orderId)).to.deep.equal([
      'inventory.reserve',
      'payment.request',
      'inventory.commit',
      'order.confirm',
    ]);
    const completing = await sagaOf(ids.orderId);
    expect(completing).to.include({
      status: 'COMPLETING',
      currentStep: null,
      failureReason: null,
      version: 3,
    });
    expect(completing.finalCommands).to.deep.equal([
      { topic: 'order.confirm', attempts: 1, deadlineAt: completing.finalCommands[0]?.deadlineAt },
    ]);

    await reply('order.confirmed', ids);
    await waitFor('the saga completed', async () => (await sagaOf(ids.orderId)).status === 'COMPLETED');
    const saga = await sagaOf(ids.orderId);
    expect(saga).to.include({ status: 'COMPLETED', currentStep: null, failureReason: null, version: 4 });
    expect(saga.finalCommands).to.deep.equal([]);
    expect(saga.data).to.include({ reservationId, paymentId });
    for (const step of saga.steps) {
      expect(step, step.name).to.include({ status: 'SUCCEEDED', attempts: 1, compensation: null });
      expect(Date.parse(step.endedAt ?? ''), step.name).to.be.at.least(Date.parse(step.startedAt ?? ''));
    }
    expect(historyOf(saga)).to.deep.equal([
      'RECEIVED order.created STARTED',
      'SENT inventory.reserve',
      'RECEIVED inventory.reserved APPLIED',
      'SENT payment.request',
      'RECEIVED payment.success APPLIED',
      'SENT inventory.commit',
      'RECEIVED inventory.completed APPLIED',
      'SENT order.confirm',
      'RECEIVED order.confirmed APPLIED',
    ]);
    // The service-kit relay publishes the sagas' outboxes: each command leaves once it was sent, and
    // the finished saga then leaves the running sagas' collection for the finished ones'.
    const sagas = sagaModel(service.context.db);
    await waitFor(
      'the finished saga to move',
      async () => (await sagas.findById(saga.sagaId).lean()) === null,
    );
    const finished = await service.context.db
      .collection<{ _id: string; status: string; outbox: unknown[] }>(finishedSagasCollection)
      .findOne({ _id: saga.sagaId });
    expect(finished).to.deep.include({ status: 'COMPLETED', outbox: [] });
  });

  it('out of stock: inventory.failed → order.cancel (OUT_OF_STOCK), nothing to release', async () => {
    const ids = await startedSaga();

    await reply('inventory.failed', ids, { changes: { reason: 'OUT_OF_STOCK', unavailableSkus: ['SKU-2'] } });

    const cancel = await command(ids.orderId, 'order.cancel');
    expect(cancel.value).to.deep.include({ ...ids, reason: 'OUT_OF_STOCK', detail: 'not available: SKU-2' });
    expect(commandsFor(ids.orderId)).to.deep.equal(['inventory.reserve', 'order.cancel']);
    const cancelling = await sagaOf(ids.orderId);
    expect(cancelling).to.include({ status: 'CANCELLING', failureReason: 'OUT_OF_STOCK', currentStep: null });
    expect(cancelling.steps.map((step) => step.status)).to.deep.equal(['FAILED', 'PENDING', 'PENDING']);

    await reply('order.cancelled', ids);
    await waitFor('the saga cancelled', async () => (await sagaOf(ids.orderId)).status === 'CANCELLED');
    expect(await sagaOf(ids.orderId)).to.include({ failureReason: 'OUT_OF_STOCK', currentStep: null });
  });

  it('payment declined: payment.failed → inventory.release, inventory.released → order.cancel (PAYMENT_DECLINED)', async () => {
    const ids = await startedSaga();
    const { reservationId } = topicSamples['inventory.reserved'];
    await reply('inventory.reserved', ids);
    await command(ids.orderId, 'payment.request');

    await reply('payment.failed', ids, { changes: { reason: 'PAYMENT_DECLINED', detail: 'card expired' } });

    const release = await command(ids.orderId, 'inventory.release');
    expect(release.value).to.deep.include({ ...ids, reservationId, reason: 'PAYMENT_DECLINED' });
    const releasing = await sagaOf(ids.orderId);
    expect(releasing).to.include({ status: 'COMPENSATING', failureReason: 'PAYMENT_DECLINED' });
    expect(releasing.currentStep).to.deep.equal({ index: 0, name: 'reserveInventory' });

    await reply('inventory.released', ids);

    const cancel = await command(ids.orderId, 'order.cancel');
    expect(cancel.value).to.deep.include({ ...ids, reason: 'PAYMENT_DECLINED', detail: 'card expired' });
    expect(commandsFor(ids.orderId)).to.deep.equal([
      'inventory.reserve',
      'payment.request',
      'inventory.release',
      'order.cancel',
    ]);
    const saga = await sagaOf(ids.orderId);
    expect(saga).to.include({ status: 'CANCELLING', failureReason: 'PAYMENT_DECLINED', version: 3 });
    expect(saga.steps.map((step) => step.status)).to.deep.equal(['COMPENSATED', 'FAILED', 'PENDING']);
    expect(saga.steps[0]?.compensation).to.include({ attempts: 1 });
    expect(saga.steps[0]?.compensation?.endedAt).to.be.a('string');
  });

  it('applies a reply delivered twice with the same message id once', async () => {
    const ids = await startedSaga();
    const messageId = randomUUID();

    await reply('inventory.reserved', ids, { id: messageId });
    await reply('inventory.reserved', ids, { id: messageId });
    // The next reply, on the same partition: once it took effect, both deliveries before it were handled.
    await command(ids.orderId, 'payment.request');
    await reply('payment.success', ids);
    await command(ids.orderId, 'inventory.commit');

    expect(commandsFor(ids.orderId)).to.deep.equal([
      'inventory.reserve',
      'payment.request',
      'inventory.commit',
    ]);
    const saga = await sagaOf(ids.orderId);
    expect(
      saga.history.filter((entry) => 'messageId' in entry && entry.messageId === messageId),
    ).to.have.length(1);
    expect(saga.version).to.equal(2);
  });

  it('ignores a reply that comes after the saga ended, and records it in the history', async () => {
    const ids = await startedSaga();
    await reply('inventory.failed', ids);
    await command(ids.orderId, 'order.cancel');
    await reply('order.cancelled', ids);
    await waitFor('the saga cancelled', async () => (await sagaOf(ids.orderId)).status === 'CANCELLED');
    const ended = await sagaOf(ids.orderId);

    const lateId = await reply('payment.success', ids);

    await waitFor('the late reply in the history', async () =>
      (await sagaOf(ids.orderId)).history.some((entry) => 'messageId' in entry && entry.messageId === lateId),
    );
    const saga = await sagaOf(ids.orderId);
    expect(saga.history.find((entry) => 'messageId' in entry && entry.messageId === lateId)).to.include({
      direction: 'RECEIVED',
      topic: 'payment.success',
      outcome: 'IGNORED',
      reason: 'LATE',
      status: 'CANCELLED',
    });
    // Nothing else changed: the state, and no command was decided (it would be in this same update).
    // The steps' records stay as they were; only the step's timeline shows the reply (as IGNORED).
    const records = (steps: SagaBody['steps']) => steps.map((step) => ({ ...step, received: undefined }));
    expect(saga).to.deep.include({ status: 'CANCELLED', failureReason: 'OUT_OF_STOCK' });
    expect(records(saga.steps)).to.deep.equal(records(ended.steps));
    expect(saga.history.filter((entry) => entry.direction === 'SENT')).to.deep.equal(
      ended.history.filter((entry) => entry.direction === 'SENT'),
    );
    expect(saga.version).to.equal(ended.version + 1);
    expect(commandsFor(ids.orderId)).to.deep.equal(['inventory.reserve', 'order.cancel']);
  });

  it('a reply it cannot apply (a stored saga it cannot read) leaves the saga NEEDS_ATTENTION, with the cause shown', async () => {
    const ids = await startedSaga();
    // A saga of a shape this code does not read, as a newer orchestrator might have stored it. The
    // saga awaits its reservation with an hour's deadline, so nothing else writes it meanwhile.
    await service.context.db
      .collection<{ _id: string }>('sagas')
      .updateOne({ _id: ids.sagaId }, { $set: { stateVersion: 99 } });

    const rejected = await reply('inventory.reserved', ids);

    await waitFor(
      'the saga to need attention',
      async () => (await sagaOf(ids.orderId)).status === 'NEEDS_ATTENTION',
    );
    const saga = await sagaOf(ids.orderId);
    expect(saga.attention).to.deep.include({
      step: { index: 0, name: 'reserveInventory' },
      reason: 'REPLY_REJECTED',
    });
    expect(saga.attention?.detail).to.contain(
      '"inventory.reserved" could not be applied: UNSUPPORTED_STATE_VERSION',
    );
    expect(saga.history.find((entry) => 'messageId' in entry && entry.messageId === rejected)).to.include({
      outcome: 'REJECTED',
      reason: 'UNSUPPORTED_STATE_VERSION',
      status: 'NEEDS_ATTENTION',
    });
    expect(saga.deadlineAt).to.equal(null);
    expect(commandsFor(ids.orderId)).to.deep.equal(['inventory.reserve']);
  });

  it('starts one saga per order, however often order.created comes', async () => {
    const orderId = randomUUID();
    const messageId = randomUUID();
    await placeOrder(orderId, { id: messageId });
    await placeOrder(orderId, { id: messageId });
    await placeOrder(orderId);
    // Another order on the same key, so on the same partition: once its saga exists, the three before it were handled.
    const marker = await placeOrder(randomUUID(), { key: orderId });
    await waitFor(
      'the marker order’s saga',
      async () => (await get(`/sagas?orderId=${marker}`)).status === 200,
    );

    expect(commandsFor(orderId)).to.deep.equal(['inventory.reserve']);
    const saga = await sagaOf(orderId);
    expect(saga.version).to.equal(0);
    expect(historyOf(saga)).to.deep.equal(['RECEIVED order.created STARTED', 'SENT inventory.reserve']);
  });

  it('skips a reply for a saga it does not know, and goes on with the messages after it', async () => {
    const ids = await startedSaga();
    const stranger = { orderId: randomUUID(), sagaId: randomUUID() };

    await reply('inventory.reserved', stranger, { key: ids.orderId });
    await reply('inventory.reserved', ids);

    await command(ids.orderId, 'payment.request');
    expect((await get(`/sagas?orderId=${stranger.orderId}`)).status).to.equal(404);
    expect((await get(`/sagas/${stranger.sagaId}`)).status).to.equal(404);
    expect(commandsFor(stranger.orderId)).to.deep.equal([]);
  });
});
