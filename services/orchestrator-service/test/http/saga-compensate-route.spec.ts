import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createLogger } from '@saga/logging';
import { createHttpApp, createReadiness } from '@saga/service-kit';
import { createSagaManager } from '@saga/saga-runtime';
import { memorySagaStore } from '@saga/saga-runtime/testing';
import { mountSagaCompensateRoute } from '../../src/http/saga-compensate-route.ts';
import { orderSagaBinding } from '../../src/order-saga-binding.ts';
import { delivery, orderCreated, replyFor } from '../support/deliveries.ts';
import { serve } from '../support/serve.ts';

const silent = createLogger('saga-compensate-route-test', 'silent');
const opsToken = 'saga-compensate-test-ops-token-01';
const adminToken = 'saga-compensate-test-admin-token-1';
const auth = { opsTokens: [opsToken], adminTokens: [adminToken], jwt: {} };
const reason = 'payment provider down all day; customer asked to cancel';

describe('saga compensate route', () => {
  const memory = memorySagaStore();
  let clock = new Date('2026-03-04T10:00:00.000Z');
  const manager = createSagaManager({
    binding: orderSagaBinding,
    sagas: memory.sagas,
    logger: silent,
    now: () => clock,
    random: () => 0.5,
  });
  let server: Awaited<ReturnType<typeof serve>>;
  const ownedElsewhere = new Set<string>();

  /** An order whose stock is reserved, its payment awaited. */
  async function awaitingPayment() {
    const orderId = randomUUID();
    const { sagaId } = await manager.start(orderCreated(orderId), delivery());
    if (sagaId === null) throw new Error('the saga did not start');
    await manager.handleReply(replyFor('inventory.reserved', { orderId, sagaId }), delivery());
    return { orderId, sagaId };
  }

  before(async () => {
    const app = createHttpApp({
      logger: silent,
      readiness: createReadiness({ probes: {} }),
      routes: (router) => {
        mountSagaCompensateRoute(router, {
          auth,
          store: memory.store,
          compensate: (sagaId, request) => manager.compensate(sagaId, request),
          owns: (key) => !ownedElsewhere.has(key),
        });
      },
    });
    server = await serve(app);
  });
  after(() => server.close());

  const compensate = async (sagaId: string, body: unknown, token: string | null = adminToken) => {
    const response = await fetch(`${server.url}/sagas/${sagaId}/compensate`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('abandons the awaited step and compensates: 200 with the saga, its release sent, who asked in its history', async () => {
    const { sagaId } = await awaitingPayment();
    const sent = memory.documents.get(sagaId)?.outbox.length ?? 0;
    clock = new Date(clock.getTime() + 60_000);

    const { status, body } = await compensate(sagaId, { reason: `  ${reason} ` });

    expect(status).to.equal(200);
    expect(body).to.deep.include({ sagaId, status: 'COMPENSATING', failureReason: 'UNKNOWN' });
    expect(body.currentStep).to.deep.equal({ index: 0, name: 'reserveInventory' });
    const saga = memory.documents.get(sagaId);
    expect(saga?.outbox.slice(sent).map((entry) => entry.topic)).to.deep.equal(['inventory.release']);
    expect(saga?.steps[1]?.status).to.equal('ABANDONED');
    expect((saga?.data as { cancelDetail: string }).cancelDetail).to.equal(
      `cancelled by an operator while at processPayment: ${reason}`,
    );
    expect(saga?.history.find((entry) => entry.direction === 'COMPENSATE')).to.deep.equal({
      direction: 'COMPENSATE',
      at: clock,
      step: 'processPayment',
      reason,
      by: 'admin-token',
      status: 'COMPENSATING',
    });
  });

  it('ends the order CANCELLED through the usual path once the release is confirmed', async () => {
    const ids = await awaitingPayment();
    await compensate(ids.sagaId, { reason });

    await manager.handleReply(replyFor('inventory.released', ids), delivery());
    const cancel = memory.documents.get(ids.sagaId)?.outbox.at(-1);
    await manager.handleReply(replyFor('order.cancelled', ids), delivery());

    expect(cancel?.topic).to.equal('order.cancel');
    expect(cancel?.value).to.deep.include({
      reason: 'UNKNOWN',
      detail: `cancelled by an operator while at processPayment: ${reason}`,
    });
    expect(memory.documents.get(ids.sagaId)?.status).to.equal('CANCELLED');
  });

  it('answers 409 with the reason for a saga compensating already, or past the point of no return', async () => {
    const ids = await awaitingPayment();
    await compensate(ids.sagaId, { reason });
    const again = await compensate(ids.sagaId, { reason });
    expect(again.status).to.equal(409);
    expect(again.body.error).to.deep.include({
      code: 'CONFLICT',
      details: { status: 'COMPENSATING', reason: 'ALREADY_COMPENSATING' },
    });

    const paid = await awaitingPayment();
    await manager.handleReply(replyFor('payment.success', paid), delivery());
    const committing = await compensate(paid.sagaId, { reason });
    expect(committing.status).to.equal(409);
    expect(committing.body.error).to.deep.include({
      details: { status: 'RUNNING', reason: 'POINT_OF_NO_RETURN' },
    });
    expect(JSON.stringify(committing.body)).to.include('commitInventory');
  });

  it('answers 409 for a saga that ended', async () => {
    const orderId = randomUUID();
    const { sagaId } = await manager.start(orderCreated(orderId), delivery());
    const ids = { orderId, sagaId: sagaId ?? '' };
    await manager.handleReply(replyFor('inventory.failed', ids), delivery());
    await manager.handleReply(replyFor('order.cancelled', ids), delivery());

    const { status, body } = await compensate(ids.sagaId, { reason });

    expect(status).to.equal(409);
    expect(body.error).to.deep.include({ details: { status: 'CANCELLED', reason: 'ENDED' } });
  });

  it('answers 400 naming the problem for a missing, empty or too long reason, or another field', async () => {
    const { sagaId } = await awaitingPayment();
    for (const [body, message] of [
      [{}, /must be a string/],
      [{ reason: '   ' }, /must say why/],
      [{ reason: 'x'.repeat(501) }, /at most 500/],
      [{ reason, force: true }, /force/],
    ] as const) {
      const answer = await compensate(sagaId, body);
      expect(answer.status, JSON.stringify(body)).to.equal(400);
      expect(JSON.stringify(answer.body), JSON.stringify(body)).to.match(message);
    }
    expect(memory.documents.get(sagaId)?.status).to.equal('RUNNING');
  });

  it('answers 404 for an unknown saga, 400 for an id that is no uuid', async () => {
    expect((await compensate(randomUUID(), { reason })).status).to.equal(404);
    expect((await compensate('not-a-uuid', { reason })).status).to.equal(400);
  });

  it('answers 421 and changes nothing for a saga another replica owns now', async () => {
    const { orderId, sagaId } = await awaitingPayment();
    ownedElsewhere.add(orderId);

    const { status, body } = await compensate(sagaId, { reason });

    expect(status).to.equal(421);
    expect(body.error).to.deep.include({ code: 'SAGA_OWNED_ELSEWHERE' });
    expect(memory.documents.get(sagaId)?.status).to.equal('RUNNING');
  });

  it('needs an admin token: 401 without one, 403 with an api token', async () => {
    const { sagaId } = await awaitingPayment();
    expect((await compensate(sagaId, { reason }, null)).status).to.equal(401);
    expect((await compensate(sagaId, { reason }, opsToken)).status).to.equal(403);
    expect(memory.documents.get(sagaId)?.status).to.equal('RUNNING');
  });
});
