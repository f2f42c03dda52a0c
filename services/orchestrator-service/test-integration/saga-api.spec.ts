import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type mongoose from 'mongoose';
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
  sagasCollection,
  sagaTopics,
  type HistoryEntry,
  type StepView,
} from '@saga/saga-runtime';
import { orderSagaBinding } from '../src/order-saga-binding.ts';
import { createOrchestratorService } from '../src/service.ts';
import { patientPolicies } from './support/step-policies.ts';

const { publishes: commandTopics, consumes } = sagaTopics(orderSagaBinding);
const adminAuthorization = bearer(testTokens.admin);
const opsAuthorization = bearer(testTokens.ops);

interface Summary {
  sagaId: string;
  orderId: string;
  status: string;
  currentStep: { index: number; name: string } | null;
  outcome: string | null;
  customerId: string;
  createdAt: string;
}
interface Page {
  sagas: Summary[];
  nextCursor: string | null;
}
interface SagaBody {
  sagaId: string;
  status: string;
  failureReason: string | null;
  steps: StepView[];
  history: HistoryEntry[];
}

/**
 * The operator's saga API against Kafka, the registry and FerretDB: the list's filters and paging
 * across the running sagas and the finished ones' archive, and a compensation a person asks for, end
 * to end. The test plays the participants and the order service.
 */
describe('orchestrator-service: the saga list and compensate over Kafka', function () {
  this.timeout(120_000);
  let ns: TestNamespace;
  let service: RunningService;
  let participants: TestPublisher<(typeof consumes)[number]>;
  let listener: TestListener<(typeof commandTopics)[number]>;
  let db: mongoose.Connection;

  before(async () => {
    ns = await createTestNamespace('orchestrator-saga-api');
    [listener, participants] = await Promise.all([ns.listen(commandTopics), ns.publisher(consumes)]);
    service = await runService(createOrchestratorService({ stepPolicies: patientPolicies }), {
      ...ns.serviceOptions('orchestrator-service'),
      env: { ...ns.env, LOG_LEVEL: 'warn' },
    });
    db = await ns.connectDatabase(ns.serviceOptions('orchestrator-service').dbName);
  });
  after(async () => {
    await service.stop();
    await ns.close();
  });

  const sent = <T extends TopicName>(orderId: string, topic: T) =>
    listener
      .forKey(orderId)
      .filter((r) => r.topic === topic)
      .map((r) => r.value as TopicMessageMap[T]);

  async function commands<T extends TopicName>(orderId: string, topic: T, count = 1) {
    await waitFor(`${count} × ${topic} for order ${orderId}`, () => sent(orderId, topic).length >= count);
    return sent(orderId, topic);
  }

  async function reply(topic: TopicName, ids: { orderId: string; sagaId: string }) {
    const value = { ...topicSamples[topic], ...ids } as TopicMessageMap[typeof topic];
    await participants.publish(topic, ids.orderId, value);
  }

  async function call(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: unknown) {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json() };
  }

  const list = async (query: Record<string, string>) => {
    const answer = await call('GET', `/sagas?${new URLSearchParams(query).toString()}`, opsAuthorization);
    expect(answer.status, JSON.stringify(query)).to.equal(200);
    return answer.body as Page;
  };

  const sagaOf = async (orderId: string) =>
    (await call('GET', `/sagas?orderId=${orderId}`, opsAuthorization)).body as SagaBody;

  /** Places an order for a customer and returns its ids once the stock is asked for. */
  async function placed(customerId: string) {
    const orderId = randomUUID();
    await participants.publish('order.created', orderId, {
      ...topicSamples['order.created'],
      orderId,
      customerId,
    });
    const [reserve] = await commands(orderId, 'inventory.reserve');
    if (!reserve) throw new Error('no inventory.reserve');
    return { orderId, sagaId: reserve.sagaId };
  }

  describe('GET /sagas', () => {
    const customer = `customer-${randomUUID()}`;
    const other = `customer-${randomUUID()}`;
    /** The customer's sagas, oldest first: cancelled, completed (both archived), paying, reserving. */
    const orders: Record<'cancelled' | 'completed' | 'paying' | 'reserving' | 'others', string> = {
      cancelled: '',
      completed: '',
      paying: '',
      reserving: '',
      others: '',
    };
    const ids = (page: Page) => page.sagas.map((saga) => saga.orderId);

    before(async () => {
      const cancelled = await placed(customer);
      await reply('inventory.failed', cancelled);
      await commands(cancelled.orderId, 'order.cancel');
      await reply('order.cancelled', cancelled);
      orders.cancelled = cancelled.orderId;

      const completed = await placed(customer);
      await reply('inventory.reserved', completed);
      await commands(completed.orderId, 'payment.request');
      await reply('payment.success', completed);
      await commands(completed.orderId, 'inventory.commit');
      await reply('inventory.completed', completed);
      await commands(completed.orderId, 'order.confirm');
      await reply('order.confirmed', completed);
      orders.completed = completed.orderId;

      const paying = await placed(customer);
      await reply('inventory.reserved', paying);
      await commands(paying.orderId, 'payment.request');
      orders.paying = paying.orderId;

      orders.reserving = (await placed(customer)).orderId;
      orders.others = (await placed(other)).orderId;

      // The ended sagas move to the archive once their last commands are sent.
      await waitFor('the ended sagas to move to sagas_finished', async () => {
        for (const orderId of [orders.cancelled, orders.completed]) {
          if ((await db.collection(sagasCollection).findOne({ key: orderId })) !== null) return false;
          if ((await db.collection(finishedSagasCollection).findOne({ key: orderId })) === null) return false;
        }
        return true;
      });
    });

    it('lists a customer’s sagas, running and finished, newest first', async () => {
      const page = await list({ customerId: customer });
      expect(ids(page)).to.deep.equal([orders.reserving, orders.paying, orders.completed, orders.cancelled]);
      expect(page.nextCursor).to.equal(null);
      expect(page.sagas.map((saga) => saga.status)).to.deep.equal([
        'RUNNING',
        'RUNNING',
        'COMPLETED',
        'CANCELLED',
      ]);
      expect(page.sagas.map((saga) => saga.outcome)).to.deep.equal([null, null, 'COMPLETED', 'OUT_OF_STOCK']);
      for (const saga of page.sagas) {
        expect(saga.customerId).to.equal(customer);
        expect(saga).to.not.have.any.keys('history', 'steps', 'data', 'outbox');
      }
    });

    it('pages across both collections by the cursor, each saga once', async () => {
      const seen: string[] = [];
      const sizes: number[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await list({ customerId: customer, limit: '1', ...(cursor ? { cursor } : {}) });
        sizes.push(page.sagas.length);
        seen.push(...ids(page));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(sizes).to.deep.equal([1, 1, 1, 1]);
      expect(seen).to.deep.equal([orders.reserving, orders.paying, orders.completed, orders.cancelled]);
    });

    it('filters by status, step, outcome and age, in both collections', async () => {
      const mine = (query: Record<string, string>) => list({ customerId: customer, ...query });
      expect(ids(await mine({ status: 'COMPLETED,CANCELLED' }))).to.deep.equal([
        orders.completed,
        orders.cancelled,
      ]);
      expect(ids(await mine({ step: 'processPayment' }))).to.deep.equal([orders.paying]);
      expect(ids(await mine({ step: 'reserveInventory', status: 'RUNNING' }))).to.deep.equal([
        orders.reserving,
      ]);
      expect(ids(await mine({ outcome: 'OUT_OF_STOCK' }))).to.deep.equal([orders.cancelled]);
      expect(ids(await mine({ outcome: 'COMPLETED' }))).to.deep.equal([orders.completed]);
      const completedAt = (await mine({ outcome: 'COMPLETED' })).sagas[0]?.createdAt ?? '';
      expect(ids(await mine({ createdAfter: completedAt }))).to.deep.equal([orders.reserving, orders.paying]);
      expect(ids(await mine({ createdBefore: completedAt }))).to.deep.equal([orders.cancelled]);
      expect(ids(await list({ customerId: other }))).to.deep.equal([orders.others]);
    });

    it('keeps the status=NEEDS_ATTENTION&limit= form, now with a nextCursor', async () => {
      const { status, body } = await call('GET', '/sagas?status=NEEDS_ATTENTION&limit=5', opsAuthorization);
      expect(status).to.equal(200);
      expect(body).to.have.keys('sagas', 'nextCursor');
    });

    it('answers 400 naming a bad parameter', async () => {
      const answer = await call('GET', '/sagas?step=shipIt', opsAuthorization);
      const { status } = answer;
      const body = answer.body as { error: { details: { path: string }[] } };
      expect(status).to.equal(400);
      expect(body.error.details[0]?.path).to.equal('step');
    });
  });

  describe('POST /sagas/:sagaId/compensate', () => {
    const reason = 'payment provider down for the day; the customer asked us to cancel';

    it('gives up on a saga stuck awaiting a reply: compensations sent, the order cancelled when they are confirmed', async () => {
      const ids = await placed(`customer-${randomUUID()}`);
      await reply('inventory.reserved', ids);
      await commands(ids.orderId, 'payment.request');

      const asOps = await call('POST', `/sagas/${ids.sagaId}/compensate`, opsAuthorization, { reason });
      const asked = await call('POST', `/sagas/${ids.sagaId}/compensate`, adminAuthorization, {
        reason,
      });
      const [release] = await commands(ids.orderId, 'inventory.release');
      await reply('inventory.released', ids);
      const [cancel] = await commands(ids.orderId, 'order.cancel');
      await reply('order.cancelled', ids);
      await waitFor(
        'the saga to be CANCELLED',
        async () => (await sagaOf(ids.orderId)).status === 'CANCELLED',
      );
      const again = await call('POST', `/sagas/${ids.sagaId}/compensate`, adminAuthorization, { reason });
      const ended = await sagaOf(ids.orderId);

      expect(asOps.status).to.equal(403);
      expect(asked.status).to.equal(200);
      expect(asked.body).to.deep.include({
        sagaId: ids.sagaId,
        status: 'COMPENSATING',
        failureReason: 'UNKNOWN',
      });
      expect(release).to.deep.include({ ...ids, reason: 'UNKNOWN' });
      expect(cancel).to.deep.include({
        ...ids,
        reason: 'UNKNOWN',
        detail: `cancelled by an operator while at processPayment: ${reason}`,
      });
      expect(again.status).to.equal(409);
      const [reserve, pay] = ended.steps;
      expect(pay).to.deep.include({ name: 'processPayment', status: 'ABANDONED' });
      expect(pay?.errors?.map((error) => error.kind)).to.deep.equal(['ABANDONED']);
      expect(reserve?.status).to.equal('COMPENSATED');
      expect(reserve?.sent?.map((command) => command.topic)).to.deep.equal([
        'inventory.reserve',
        'inventory.release',
      ]);
      expect(reserve?.compensation?.endedAt).to.not.equal(null);
      const compensate = ended.history.find((entry) => entry.direction === 'COMPENSATE');
      expect(compensate).to.deep.include({ step: 'processPayment', reason, status: 'COMPENSATING' });
      // The timeline reads in order: the person's request, then the release it sent.
      const order = ended.history.map((entry) =>
        entry.direction === 'SENT' ? entry.topic : entry.direction === 'COMPENSATE' ? 'COMPENSATE' : null,
      );
      expect(order.indexOf('COMPENSATE')).to.be.lessThan(order.indexOf('inventory.release'));
      expect(order.indexOf('COMPENSATE')).to.be.greaterThan(order.indexOf('payment.request'));
    });
  });
});
