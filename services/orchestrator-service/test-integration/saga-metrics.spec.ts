import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { TopicMessageMap, TopicName } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import { runService, type RunningService } from '@saga/service-kit';
import {
  bearer,
  createTestNamespace,
  prometheusSample,
  testTokens,
  waitFor,
  type TestListener,
  type TestNamespace,
  type TestPublisher,
} from '@saga/testing';
import { sagaTopics } from '@saga/saga-runtime';
import { orderSagaBinding } from '../src/order-saga-binding.ts';
import { createOrchestratorService } from '../src/service.ts';
import { patientPolicies } from './support/step-policies.ts';

const { publishes: commandTopics, consumes } = sagaTopics(orderSagaBinding);

/**
 * The orchestrator's saga metrics as a scraper sees them (GET /metrics), in a namespace of its own:
 * the test plays the order service and the participants, runs one saga to COMPLETED and one to
 * CANCELLED (OUT_OF_STOCK), and reads what moved.
 */
describe('orchestrator-service: saga metrics over Kafka', function () {
  this.timeout(120_000);
  let ns: TestNamespace;
  let service: RunningService;
  let participants: TestPublisher<(typeof consumes)[number]>;
  let listener: TestListener<(typeof commandTopics)[number]>;

  before(async () => {
    ns = await createTestNamespace('orchestrator-saga-metrics');
    [listener, participants] = await Promise.all([ns.listen(commandTopics), ns.publisher(consumes)]);
    service = await runService(createOrchestratorService({ stepPolicies: patientPolicies }), {
      ...ns.serviceOptions('orchestrator-service'),
      env: { ...ns.env, LOG_LEVEL: 'warn' },
    });
  });
  after(async () => {
    await service.stop();
    await ns.close();
  });

  const scrape = async () => {
    const response = await fetch(`${service.url}/metrics`, { headers: bearer(testTokens.ops) });
    expect(response.status).to.equal(200);
    return response.text();
  };

  async function command(orderId: string, topic: TopicName) {
    await waitFor(`${topic} for order ${orderId}`, () =>
      listener.forKey(orderId).some((r) => r.topic === topic),
    );
    return listener.forKey(orderId).find((r) => r.topic === topic);
  }

  async function startedSaga() {
    const orderId = randomUUID();
    await participants.publish('order.created', orderId, { ...topicSamples['order.created'], orderId });
    const reserve = await command(orderId, 'inventory.reserve');
    return { orderId, sagaId: (reserve?.value as TopicMessageMap['inventory.reserve']).sagaId };
  }

  async function reply<T extends (typeof consumes)[number]>(
    topic: T,
    ids: { orderId: string; sagaId: string },
    changes: Partial<TopicMessageMap[T]> = {},
  ) {
    await participants.publish(topic, ids.orderId, {
      ...topicSamples[topic],
      ...ids,
      ...changes,
    });
  }

  it('counts sagas started and finished by outcome, their durations and their steps’', async () => {
    const before = await scrape();
    const moved = (after: string, name: string, labels: Record<string, string> = {}) =>
      prometheusSample(after, name, labels) - prometheusSample(before, name, labels);

    const completed = await startedSaga();
    await reply('inventory.reserved', completed);
    await command(completed.orderId, 'payment.request');
    await reply('payment.success', completed);
    await command(completed.orderId, 'inventory.commit');
    await reply('inventory.completed', completed);
    await command(completed.orderId, 'order.confirm');
    await reply('order.confirmed', completed);

    const cancelled = await startedSaga();
    await reply('inventory.failed', cancelled, { reason: 'OUT_OF_STOCK', unavailableSkus: ['SKU-2'] });
    await command(cancelled.orderId, 'order.cancel');
    await reply('order.cancelled', cancelled);

    let after = before;
    await waitFor('both sagas to be counted finished', async () => {
      after = await scrape();
      return moved(after, 'saga_duration_seconds_count') === 2;
    });
    expect(moved(after, 'saga_started_total')).to.equal(2);
    expect(moved(after, 'saga_finished_total', { outcome: 'COMPLETED' })).to.equal(1);
    expect(moved(after, 'saga_finished_total', { outcome: 'OUT_OF_STOCK' })).to.equal(1);
    // reserveInventory settled twice (reserved, then failed); the others once, in the saga that completed.
    expect(moved(after, 'saga_step_duration_seconds_count', { step: 'reserveInventory' })).to.equal(2);
    for (const step of orderSagaBinding.definition.steps.slice(1).map((s) => s.name))
      expect(moved(after, 'saga_step_duration_seconds_count', { step }), step).to.equal(1);
    expect(moved(after, 'messages_handled_total', { topic: 'order.created', outcome: 'applied' })).to.equal(
      2,
    );
  });

  it('reports sagas per status from the store, every status present, the ones in flight current', async () => {
    const inFlight = ['RUNNING', 'COMPENSATING', 'COMPLETING', 'CANCELLING', 'NEEDS_ATTENTION'];
    let text = '';
    // Behind the metrics' short cache: both sagas of the test above have ended since the first scrape.
    await waitFor('no saga in flight', async () => {
      text = await scrape();
      return inFlight.every((status) => prometheusSample(text, 'sagas_in_status', { status }) === 0);
    });
    for (const status of [...inFlight, 'COMPLETED', 'CANCELLED'])
      expect(text, status).to.match(
        new RegExp(`^sagas_in_status\\{[^}]*status="${status}"[^}]*\\} \\d+$`, 'm'),
      );
  });
});
