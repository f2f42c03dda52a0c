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
import { sagaTopics, type HistoryEntry, type StepRecord } from '@saga/saga-runtime';
import { orderSagaBinding } from '../src/order-saga-binding.ts';
import { createOrchestratorService, type OrchestratorServiceOptions } from '../src/service.ts';
import { brief, patient } from './support/step-policies.ts';

const { publishes: commandTopics, consumes } = sagaTopics(orderSagaBinding);
const adminAuthorization = bearer(testTokens.admin);
const opsAuthorization = bearer(testTokens.ops);

/**
 * The steps this suite leaves unanswered (payment, commit) give up after two short sends; the others
 * wait long, as the test answers them at its own pace. Set through the service factory's option, the
 * way any deployment could tune them, with no change to the saga's code.
 */
const options: OrchestratorServiceOptions = {
  stepPolicies: {
    reserveInventory: { command: patient, compensation: patient },
    processPayment: { command: brief, compensation: patient },
    commitInventory: { command: brief },
    'order.confirm': { command: brief },
    'order.cancel': { command: patient },
  },
  deadlineScheduler: { minIntervalMs: 100, maxIntervalMs: 1_000, batchSize: 50 },
};

interface SagaBody {
  sagaId: string;
  status: string;
  failureReason: string | null;
  attention: {
    step: { index: number; name: string } | null;
    reason: string;
    detail: string;
    resumeStatus: string;
  } | null;
  finalCommands: { topic: string; attempts: number }[];
  steps: StepRecord[];
  history: HistoryEntry[];
}

/**
 * What the orchestrator does when participants do not answer, against Kafka, the registry and
 * FerretDB, with the deadline scheduler running. The test plays the participants, and leaves some
 * commands unanswered on purpose.
 */
describe('orchestrator-service: deadlines, late replies and retries over Kafka', function () {
  this.timeout(120_000);
  let ns: TestNamespace;
  let service: RunningService;
  let participants: TestPublisher<(typeof consumes)[number]>;
  let listener: TestListener<(typeof commandTopics)[number]>;

  const start = () =>
    runService(createOrchestratorService(options), {
      ...ns.serviceOptions('orchestrator-service'),
      env: { ...ns.env, LOG_LEVEL: 'warn' },
    });

  before(async () => {
    ns = await createTestNamespace('orchestrator-deadlines');
    [listener, participants] = await Promise.all([ns.listen(commandTopics), ns.publisher(consumes)]);
    service = await start();
  });
  after(async () => {
    await service.stop();
    await ns.close();
  });

  // --- the test's side of the conversation ---

  /** The orchestrator's commands of `topic` for the order so far, each message once. */
  const sent = <T extends TopicName>(orderId: string, topic: T) =>
    listener
      .forKey(orderId)
      .filter((r) => r.topic === topic)
      .map((r) => ({ value: r.value as TopicMessageMap[T], context: r.context }));

  /** Waits until the orchestrator has sent `count` commands of `topic` for the order, and returns them. */
  async function commands<T extends TopicName>(orderId: string, topic: T, count = 1) {
    await waitFor(`${count} × ${topic} for order ${orderId}`, () => sent(orderId, topic).length >= count);
    return sent(orderId, topic);
  }

  /** Publishes a participant's reply (the topic's sample message) for the saga; returns its message id. */
  async function reply(topic: TopicName, ids: { orderId: string; sagaId: string }): Promise<string> {
    const value = { ...topicSamples[topic], ...ids } as TopicMessageMap[typeof topic];
    return (await participants.publish(topic, ids.orderId, value)).id;
  }

  async function call(method: 'GET' | 'POST', path: string, headers: Record<string, string>) {
    const response = await fetch(`${service.url}${path}`, { method, headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function sagaOf(orderId: string): Promise<SagaBody> {
    const { status, body } = await call('GET', `/sagas?orderId=${orderId}`, opsAuthorization);
    expect(status, `GET /sagas?orderId=${orderId}`).to.equal(200);
    return body as unknown as SagaBody;
  }

  async function sagaReaches(orderId: string, condition: (saga: SagaBody) => boolean, what: string) {
    await waitFor(what, async () => condition(await sagaOf(orderId)));
    return sagaOf(orderId);
  }

  /** Places an order, answers its reservation, and returns the ids once payment is asked for. */
  async function awaitingPayment() {
    const orderId = randomUUID();
    await participants.publish('order.created', orderId, { ...topicSamples['order.created'], orderId });
    const [reserve] = await commands(orderId, 'inventory.reserve');
    if (!reserve) throw new Error('no inventory.reserve');
    const ids = { orderId, sagaId: reserve.value.sagaId };
    await reply('inventory.reserved', ids);
    await commands(orderId, 'payment.request');
    return ids;
  }

  /** A saga whose payment was never answered: re-sent, given up, the stock released, the order cancelled. */
  async function cancelledByPaymentTimeout() {
    const ids = await awaitingPayment();
    await commands(ids.orderId, 'inventory.release');
    await reply('inventory.released', ids);
    await commands(ids.orderId, 'order.cancel');
    await reply('order.cancelled', ids);
    return ids;
  }

  const timeouts = (saga: SagaBody) =>
    saga.history.flatMap((entry) => (entry.direction === 'TIMEOUT' ? [`${entry.step} ${entry.action}`] : []));

  // --- the specification ---

  it('re-sends a command nobody answers, then gives up on the step and compensates: PAYMENT_TIMED_OUT', async () => {
    const ids = await awaitingPayment();

    const requests = await commands(ids.orderId, 'payment.request', 2);
    const [release] = await commands(ids.orderId, 'inventory.release');
    await reply('inventory.released', ids);
    const [cancel] = await commands(ids.orderId, 'order.cancel');

    // The same logical command twice (payment is idempotent by order id), as two messages.
    expect(requests).to.have.length(2);
    expect(new Set(requests.map((r) => r.context.id)).size).to.equal(2);
    for (const request of requests)
      expect(request.value).to.deep.include({ ...ids, amount: topicSamples['inventory.reserved'].total });
    expect(release?.value).to.include({ reason: 'PAYMENT_TIMED_OUT' });
    expect(cancel?.value).to.include({ reason: 'PAYMENT_TIMED_OUT' });
    await reply('order.cancelled', ids);
    const saga = await sagaReaches(ids.orderId, (s) => s.status === 'CANCELLED', 'the saga cancelled');
    expect(saga.failureReason).to.equal('PAYMENT_TIMED_OUT');
    expect(saga.steps[1]).to.include({ status: 'TIMED_OUT', attempts: 2, deadlineAt: null });
    expect(timeouts(saga)).to.deep.equal(['processPayment RESENT', 'processPayment GAVE_UP']);
  });

  it('refunds a payment.success that comes after the saga cancelled, once, and shows it', async () => {
    const ids = await cancelledByPaymentTimeout();

    await reply('payment.success', ids);
    const [refund] = await commands(ids.orderId, 'payment.refund');
    const repeatId = await reply('payment.success', ids);
    const repeat = await sagaReaches(
      ids.orderId,
      (s) => s.history.some((entry) => 'messageId' in entry && entry.messageId === repeatId),
      'the repeated payment.success in the history',
    );
    await reply('payment.refunded', ids);
    const saga = await sagaReaches(
      ids.orderId,
      (s) => s.steps[1]?.status === 'COMPENSATED',
      'the refund confirmed',
    );

    expect(refund?.value).to.deep.include({
      ...ids,
      paymentId: topicSamples['payment.success'].paymentId,
      amount: topicSamples['inventory.reserved'].total,
    });
    expect(repeat.history.find((entry) => 'messageId' in entry && entry.messageId === repeatId)).to.include({
      outcome: 'IGNORED',
      reason: 'DUPLICATE',
    });
    expect(sent(ids.orderId, 'payment.refund')).to.have.length(1);
    expect(saga.status).to.equal('CANCELLED');
    expect(saga.steps[1]?.compensation).to.include({ attempts: 1 });
    const received = saga.history.flatMap((entry) =>
      entry.direction === 'RECEIVED' && entry.topic.startsWith('payment.')
        ? [`${entry.topic} ${entry.outcome} ${entry.reply ?? entry.reason ?? ''}`]
        : [],
    );
    expect(received).to.deep.equal([
      'payment.success APPLIED LATE_SUCCESS',
      'payment.success IGNORED DUPLICATE',
      'payment.refunded APPLIED COMPENSATED',
    ]);
  });

  it('needs attention when a step that must not be undone is never answered, and a retry re-drives it', async () => {
    const ids = await awaitingPayment();
    await reply('payment.success', ids);
    await commands(ids.orderId, 'inventory.commit', 2);
    const stopped = await sagaReaches(ids.orderId, (s) => s.status === 'NEEDS_ATTENTION', 'NEEDS_ATTENTION');

    const listed = await call('GET', '/sagas?status=NEEDS_ATTENTION', opsAuthorization);
    const asOps = await call('POST', `/sagas/${ids.sagaId}/retry`, opsAuthorization);
    const retried = await call('POST', `/sagas/${ids.sagaId}/retry`, adminAuthorization);
    await commands(ids.orderId, 'inventory.commit', 3);
    await reply('inventory.completed', ids);
    await commands(ids.orderId, 'order.confirm');
    await reply('order.confirmed', ids);
    const completed = await sagaReaches(ids.orderId, (s) => s.status === 'COMPLETED', 'the saga completed');
    const again = await call('POST', `/sagas/${ids.sagaId}/retry`, adminAuthorization);

    expect(stopped.attention).to.deep.include({
      step: { index: 2, name: 'commitInventory' },
      reason: 'STEP_TIMED_OUT',
    });
    expect(listed.status).to.equal(200);
    const sagas = listed.body.sagas as { sagaId: string; status: string }[];
    expect(sagas.map((saga) => saga.sagaId)).to.include(ids.sagaId);
    expect(asOps.status).to.equal(403);
    expect(retried.status).to.equal(200);
    expect(retried.body).to.include({ sagaId: ids.sagaId, status: 'RUNNING', attention: null });
    expect(completed.history.some((entry) => entry.direction === 'RETRY')).to.equal(true);
    expect(again.status).to.equal(409);
  });

  it('re-sends order.confirm the order service does not acknowledge, then needs attention naming it; a retry and the acknowledgement end the saga', async () => {
    const ids = await awaitingPayment();
    await reply('payment.success', ids);
    await commands(ids.orderId, 'inventory.commit');
    await reply('inventory.completed', ids);

    const confirms = await commands(ids.orderId, 'order.confirm', 2);
    const stopped = await sagaReaches(ids.orderId, (s) => s.status === 'NEEDS_ATTENTION', 'NEEDS_ATTENTION');
    const retried = await call('POST', `/sagas/${ids.sagaId}/retry`, adminAuthorization);
    await commands(ids.orderId, 'order.confirm', 3);
    await reply('order.confirmed', ids);
    const completed = await sagaReaches(ids.orderId, (s) => s.status === 'COMPLETED', 'the saga completed');

    expect(new Set(confirms.map((confirm) => confirm.context.id)).size).to.equal(2);
    expect(stopped.attention).to.deep.include({
      step: null,
      reason: 'FINAL_COMMAND_TIMED_OUT',
      resumeStatus: 'COMPLETING',
    });
    expect(stopped.attention?.detail).to.contain('"order.confirm"').and.contain('"order.confirmed"');
    expect(stopped.finalCommands).to.deep.include({ topic: 'order.confirm', attempts: 2, deadlineAt: null });
    expect(timeouts(stopped)).to.deep.equal(['order.confirm RESENT', 'order.confirm NEEDS_ATTENTION']);
    expect(retried.status).to.equal(200);
    expect(retried.body).to.include({ status: 'COMPLETING', attention: null });
    expect(completed.finalCommands).to.deep.equal([]);
  });

  it('keeps deadlines in the store, so they survive a restart of the orchestrator', async () => {
    const ids = await awaitingPayment();

    await service.stop();
    service = await start();
    await commands(ids.orderId, 'payment.request', 2);

    const saga = await sagaReaches(ids.orderId, (s) => timeouts(s).length > 0, 'a deadline applied');
    expect(timeouts(saga)[0]).to.equal('processPayment RESENT');
  });
});
