import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { mintToken } from '@saga/identity';
import { createLogger } from '@saga/logging';
import { createHttpApp, createReadiness } from '@saga/service-kit';
import { mountSagaRoutes } from '../../src/http/saga-routes.ts';
import { listedDefinitionOf } from '../../src/http/saga-route-definition.ts';
import { createSagaManager } from '@saga/saga-runtime';
import { orderSagaBinding } from '../../src/order-saga-binding.ts';
import { delivery, orderCreated } from '../support/deliveries.ts';
import { memorySagaStore } from '@saga/saga-runtime/testing';
import { serve } from '../support/serve.ts';

const silent = createLogger('saga-routes-test', 'silent');
const opsToken = 'saga-routes-test-ops-token-0123';
const jwtSecret = 'saga-routes-test-jwt-secret-0123456789ab';
const auth = { opsTokens: [opsToken], adminTokens: [], jwt: { secret: jwtSecret } };

describe('saga routes', () => {
  const memory = memorySagaStore();
  const orderId = randomUUID();
  let sagaId = '';
  let server: Awaited<ReturnType<typeof serve>>;

  before(async () => {
    const manager = createSagaManager({ binding: orderSagaBinding, sagas: memory.sagas, logger: silent });
    const started = await manager.start(orderCreated(orderId), delivery());
    sagaId = started.sagaId ?? '';
    const app = createHttpApp({
      logger: silent,
      readiness: createReadiness({ probes: {} }),
      routes: (router) => {
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

  const get = async (path: string, token: string | null = opsToken) => {
    const response = await fetch(`${server.url}${path}`, {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  describe('authentication', () => {
    it('answers 401 without a bearer token, or with an unknown one', async () => {
      for (const path of [`/sagas/${sagaId}`, `/sagas?orderId=${orderId}`]) {
        expect((await get(path, null)).status, path).to.equal(401);
        expect((await get(path, 'not-a-token-anyone-has')).status, path).to.equal(401);
      }
    });

    it('answers 403 to a customer: sagas are the staff’s view', async () => {
      const customer = await mintToken({
        secret: jwtSecret,
        subject: 'alice',
        roles: ['customer'],
        ttlSeconds: 60,
      });
      for (const path of [`/sagas/${sagaId}`, `/sagas?orderId=${orderId}`]) {
        expect((await get(path, customer)).status, path).to.equal(403);
      }
    });
  });

  describe('GET /sagas/:sagaId', () => {
    it('answers 200 with the saga', async () => {
      const { status, body } = await get(`/sagas/${sagaId}`);
      expect(status).to.equal(200);
      expect(body).to.include({ sagaId, orderId, status: 'RUNNING', version: 0 });
      expect(body.currentStep).to.deep.equal({ index: 0, name: 'reserveInventory' });
      expect(body).to.not.have.any.keys('outbox', 'processedMessageIds');
      expect((body.history as unknown[]).length).to.equal(2);
    });

    it('gives each step its timeline: the commands sent, the replies, deadlines and errors', async () => {
      const { body } = await get(`/sagas/${sagaId}`);
      const [reserve, pay] = body.steps as Record<string, unknown[]>[];
      expect(reserve?.sent).to.have.length(1);
      expect(reserve?.sent?.[0]).to.deep.include({ phase: 'COMMAND', topic: 'inventory.reserve' });
      expect(reserve).to.deep.include({ received: [], timeouts: [], errors: [] });
      expect(pay).to.deep.include({ status: 'PENDING', sent: [] });
    });

    it('answers 404 for a saga id nobody has', async () => {
      const { status, body } = await get(`/sagas/${randomUUID()}`);
      expect(status).to.equal(404);
      expect(body).to.have.nested.property('error.code', 'NOT_FOUND');
    });

    it('answers 400 for an id that is not a uuid', async () => {
      const { status, body } = await get('/sagas/not-a-uuid');
      expect(status).to.equal(400);
      expect(body).to.have.nested.property('error.code', 'VALIDATION_FAILED');
      expect(body).to.have.deep.nested.property('error.details[0].path', 'sagaId');
    });
  });

  describe('GET /sagas?orderId=', () => {
    it('answers 200 with the order’s saga', async () => {
      const { status, body } = await get(`/sagas?orderId=${orderId}`);
      expect(status).to.equal(200);
      expect(body).to.include({ sagaId, orderId });
    });

    it('answers 404 for an order without a saga', async () => {
      const { status } = await get(`/sagas?orderId=${randomUUID()}`);
      expect(status).to.equal(404);
    });

    it('answers 400 for an order id that is not a uuid, or is repeated', async () => {
      for (const query of ['?orderId=42', `?orderId=${orderId}&orderId=${orderId}`]) {
        const { status, body } = await get(`/sagas${query}`);
        expect(status, query).to.equal(400);
        expect(body, query).to.have.deep.nested.property('error.details[0].path', 'orderId');
      }
    });

    it('answers 400 to operators smuggled into the query, naming the parameter', async () => {
      for (const [query, path] of [
        ['?orderId[$ne]=x', 'orderId[$ne]'],
        [`?orderId=${orderId}&status[$gt]=`, 'status[$gt]'],
      ]) {
        const { status, body } = await get(`/sagas${query ?? ''}`);
        expect(status, query).to.equal(400);
        expect(body, query).to.have.deep.nested.property('error.details[0].path', path);
      }
    });
  });
});
