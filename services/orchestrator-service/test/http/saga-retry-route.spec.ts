import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createLogger } from '@saga/logging';
import { createHttpApp, createReadiness } from '@saga/service-kit';
import { mountSagaRetryRoute } from '../../src/http/saga-retry-route.ts';
import { mountSagaRoutes } from '../../src/http/saga-routes.ts';
import { listedDefinitionOf } from '../../src/http/saga-route-definition.ts';
import { orderSagaBinding } from '../../src/order-saga-binding.ts';
import { createSagaManager } from '@saga/saga-runtime';
import { delivery, orderCreated, replyFor } from '../support/deliveries.ts';
import { memorySagaStore } from '@saga/saga-runtime/testing';
import { serve } from '../support/serve.ts';

const silent = createLogger('saga-retry-route-test', 'silent');
const opsToken = 'saga-retry-test-ops-token-0123';
const adminToken = 'saga-retry-test-admin-token-0123';
const auth = { opsTokens: [opsToken], adminTokens: [adminToken], jwt: {} };

describe('saga retry route', () => {
  const memory = memorySagaStore();
  let clock = new Date('2025-03-04T10:00:00.000Z');
  const manager = createSagaManager({
    binding: orderSagaBinding,
    sagas: memory.sagas,
    logger: silent,
    now: () => clock,
    random: () => 0.5,
  });
  let server: Awaited<ReturnType<typeof serve>>;
  /** Keys another orchestrator replica owns now. */
  const ownedElsewhere = new Set<string>();

  /** A saga whose commit went unanswered until it needed attention. */
  async function needingAttention() {
    const orderId = randomUUID();
    const { sagaId } = await manager.start(orderCreated(orderId), delivery());
    if (sagaId === null) throw new Error('the saga did not start');
    await manager.handleReply(replyFor('inventory.reserved', { orderId, sagaId }), delivery());
    await manager.handleReply(replyFor('payment.success', { orderId, sagaId }), delivery());
    for (
      let saga = memory.documents.get(sagaId);
      saga?.status !== 'NEEDS_ATTENTION';
      saga = memory.documents.get(sagaId)
    ) {
      clock = saga?.deadlineAt ?? clock;
      await manager.handleTimeout(sagaId);
    }
    return { orderId, sagaId };
  }

  before(async () => {
    const app = createHttpApp({
      logger: silent,
      readiness: createReadiness({ probes: {} }),
      routes: (router) => {
        mountSagaRetryRoute(router, {
          auth,
          store: memory.store,
          retry: (sagaId) => manager.retry(sagaId),
          owns: (key) => !ownedElsewhere.has(key),
        });
        mountSagaRoutes(router, {
          store: memory.store,
          auth,
          sagas: [listedDefinitionOf(orderSagaBinding)],
        });
      },
    });
    server = await serve(app);
  });
  after(() => server.close());

  const call = async (method: 'GET' | 'POST', path: string, token: string | null) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  describe('POST /sagas/:sagaId/retry', () => {
    it('re-drives a saga that needs attention: 200 with the saga, running again, its command re-sent', async () => {
      const { sagaId } = await needingAttention();
      const sent = memory.documents.get(sagaId)?.outbox.length ?? 0;

      const { status, body } = await call('POST', `/sagas/${sagaId}/retry`, adminToken);

      expect(status).to.equal(200);
      expect(body).to.include({ sagaId, status: 'RUNNING', attention: null });
      expect(
        memory.documents
          .get(sagaId)
          ?.outbox.slice(sent)
          .map((entry) => entry.topic),
      ).to.deep.equal(['inventory.commit']);
    });

    it('answers 409 for a saga that ended', async () => {
      const orderId = randomUUID();
      const { sagaId } = await manager.start(orderCreated(orderId), delivery());
      await manager.handleReply(replyFor('inventory.failed', { orderId, sagaId: sagaId ?? '' }), delivery());
      await manager.handleReply(replyFor('order.cancelled', { orderId, sagaId: sagaId ?? '' }), delivery());

      const { status, body } = await call('POST', `/sagas/${sagaId ?? ''}/retry`, adminToken);

      expect(status).to.equal(409);
      expect(body.error).to.deep.include({ code: 'CONFLICT' });
      expect(JSON.stringify(body.error)).to.include('is CANCELLED');
    });

    it('answers 404 for an unknown saga, 400 for an id that is no uuid', async () => {
      expect((await call('POST', `/sagas/${randomUUID()}/retry`, adminToken)).status).to.equal(404);
      expect((await call('POST', '/sagas/not-a-uuid/retry', adminToken)).status).to.equal(400);
    });

    it('answers 421 and changes nothing for a saga another replica owns now', async () => {
      const { orderId, sagaId } = await needingAttention();
      ownedElsewhere.add(orderId);

      const { status, body } = await call('POST', `/sagas/${sagaId}/retry`, adminToken);

      expect(status).to.equal(421);
      expect(body.error).to.deep.include({ code: 'SAGA_OWNED_ELSEWHERE' });
      expect(memory.documents.get(sagaId)?.status).to.equal('NEEDS_ATTENTION');
    });

    it('needs an admin token: 401 without one, 403 with an api token', async () => {
      const { sagaId } = await needingAttention();

      expect((await call('POST', `/sagas/${sagaId}/retry`, null)).status).to.equal(401);
      expect((await call('POST', `/sagas/${sagaId}/retry`, opsToken)).status).to.equal(403);
      expect(memory.documents.get(sagaId)?.status).to.equal('NEEDS_ATTENTION');
    });
  });

  describe('GET /sagas?status=', () => {
    it('lists the sagas in that status', async () => {
      const { sagaId } = await needingAttention();

      const { status, body } = await call('GET', '/sagas?status=NEEDS_ATTENTION', opsToken);

      expect(status).to.equal(200);
      const sagas = body.sagas as { sagaId: string; status: string; attention: unknown }[];
      expect(sagas.map((saga) => saga.sagaId)).to.include(sagaId);
      for (const saga of sagas) expect(saga.status).to.equal('NEEDS_ATTENTION');
      expect(sagas.find((saga) => saga.sagaId === sagaId)?.attention).to.deep.include({
        step: { index: 2, name: 'commitInventory' },
        reason: 'STEP_TIMED_OUT',
      });
    });

    it('answers 400 naming the problem for an unknown status, a bad limit or another parameter', async () => {
      const bad = await call('GET', '/sagas?status=STUCK', opsToken);
      expect(bad.status).to.equal(400);
      expect(JSON.stringify(bad.body)).to.include('must be one of RUNNING, COMPENSATING');
      expect((await call('GET', '/sagas?status=RUNNING&limit=0', opsToken)).status).to.equal(400);
      expect((await call('GET', '/sagas?status=RUNNING&colour=red', opsToken)).status).to.equal(400);
    });

    it('needs a token', async () => {
      expect((await call('GET', '/sagas?status=RUNNING', null)).status).to.equal(401);
    });

    it('leaves GET /sagas?orderId= to the saga routes', async () => {
      const orderId = randomUUID();
      const { sagaId } = await manager.start(orderCreated(orderId), delivery());

      const { status, body } = await call('GET', `/sagas?orderId=${orderId}`, opsToken);

      expect(status).to.equal(200);
      expect(body).to.include({ sagaId, orderId });
    });
  });
});
