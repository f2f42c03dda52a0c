import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createLogger } from '@saga/logging';
import { createHttpApp, createReadiness } from '@saga/service-kit';
import { createSagaManager } from '@saga/saga-runtime';
import { memorySagaStore } from '@saga/saga-runtime/testing';
import { listedDefinitionOf } from '../../src/http/saga-route-definition.ts';
import { mountSagaRoutes } from '../../src/http/saga-routes.ts';
import { orderSagaBinding } from '../../src/order-saga-binding.ts';
import { delivery, orderCreated, replyFor } from '../support/deliveries.ts';
import { serve } from '../support/serve.ts';

const silent = createLogger('saga-list-test', 'silent');
const opsToken = 'saga-list-test-ops-token-0123456';
const auth = { opsTokens: [opsToken], adminTokens: [], jwt: {} };

interface Summary {
  sagaId: string;
  orderId: string;
  key: string;
  keyName: string;
  status: string;
  currentStep: { index: number; name: string } | null;
  outcome: string | null;
  customerId: string;
  createdAt: string;
}

describe('GET /sagas: the saga list', () => {
  const memory = memorySagaStore();
  let clock = new Date('2026-01-01T10:00:00.000Z');
  const manager = createSagaManager({
    binding: orderSagaBinding,
    sagas: memory.sagas,
    logger: silent,
    now: () => clock,
    random: () => 0.5,
  });
  let server: Awaited<ReturnType<typeof serve>>;
  /** The sagas started, oldest first, by what the test made of them. */
  const sagas: Record<string, { orderId: string; sagaId: string }> = {};

  /** Starts an order's saga an hour after the previous one, for a customer. */
  async function started(name: string, customerId: string) {
    clock = new Date(clock.getTime() + 3_600_000);
    const orderId = randomUUID();
    const { sagaId } = await manager.start({ ...orderCreated(orderId), customerId }, delivery());
    if (sagaId === null) throw new Error('the saga did not start');
    sagas[name] = { orderId, sagaId };
    return { orderId, sagaId };
  }
  const reply = async (topic: Parameters<typeof replyFor>[0], ids: { orderId: string; sagaId: string }) => {
    await manager.handleReply(replyFor(topic, ids), delivery());
  };

  before(async () => {
    await started('reserving', 'alice');
    const outOfStock = await started('outOfStock', 'bob');
    await reply('inventory.failed', outOfStock);
    await reply('order.cancelled', outOfStock);
    const paying = await started('paying', 'alice');
    await reply('inventory.reserved', paying);
    const completed = await started('completed', 'bob');
    for (const topic of [
      'inventory.reserved',
      'payment.success',
      'inventory.completed',
      'order.confirmed',
    ] as const)
      await reply(topic, completed);
    await started('newest', 'alice');
    const app = createHttpApp({
      logger: silent,
      readiness: createReadiness({ probes: {} }),
      routes: (router) => {
        mountSagaRoutes(router, { store: memory.store, auth, sagas: [listedDefinitionOf(orderSagaBinding)] });
      },
    });
    server = await serve(app);
  });
  after(() => server.close());

  const list = async (query = '', token: string | null = opsToken) => {
    const response = await fetch(`${server.url}/sagas${query}`, {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as { sagas: Summary[]; nextCursor: string | null };
    return { status: response.status, body };
  };
  const names = (summaries: readonly Summary[]) =>
    summaries.map((summary) => Object.keys(sagas).find((name) => sagas[name]?.sagaId === summary.sagaId));

  it('lists every saga newest first, as summaries, with no next page when all fit', async () => {
    const { status, body } = await list();
    expect(status).to.equal(200);
    expect(names(body.sagas)).to.deep.equal(['newest', 'completed', 'paying', 'outOfStock', 'reserving']);
    expect(body.nextCursor).to.equal(null);
    const paying = body.sagas[2];
    expect(paying).to.deep.include({
      sagaId: sagas.paying?.sagaId,
      saga: 'order',
      key: sagas.paying?.orderId,
      keyName: 'orderId',
      orderId: sagas.paying?.orderId,
      status: 'RUNNING',
      currentStep: { index: 1, name: 'processPayment' },
      outcome: null,
      failureReason: null,
      attention: null,
      customerId: 'alice',
    });
    expect(paying).to.include.keys('createdAt', 'updatedAt', 'deadlineAt');
    expect(paying).to.not.have.any.keys('history', 'steps', 'data', 'outbox', 'processedMessageIds');
  });

  it('pages by the cursor each page ends with, until a page says there is no next one', async () => {
    const seen: Summary[] = [];
    let cursor: string | null = null;
    const pages: number[] = [];
    do {
      const { status, body }: Awaited<ReturnType<typeof list>> = await list(
        `?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(status).to.equal(200);
      pages.push(body.sagas.length);
      seen.push(...body.sagas);
      cursor = body.nextCursor;
    } while (cursor !== null);
    expect(pages).to.deep.equal([2, 2, 1]);
    expect(names(seen)).to.deep.equal(['newest', 'completed', 'paying', 'outOfStock', 'reserving']);
  });

  it('filters by one or more statuses, repeated or comma-separated', async () => {
    expect(names((await list('?status=CANCELLED')).body.sagas)).to.deep.equal(['outOfStock']);
    const both = ['completed', 'outOfStock'];
    expect(names((await list('?status=COMPLETED&status=CANCELLED')).body.sagas)).to.deep.equal(both);
    expect(names((await list('?status=COMPLETED,CANCELLED')).body.sagas)).to.deep.equal(both);
  });

  it('filters by the current step’s name', async () => {
    expect(names((await list('?step=processPayment')).body.sagas)).to.deep.equal(['paying']);
    expect(names((await list('?step=reserveInventory')).body.sagas)).to.deep.equal(['newest', 'reserving']);
  });

  it('filters by outcome: COMPLETED, or a failure reason', async () => {
    const completed = await list('?outcome=COMPLETED');
    expect(names(completed.body.sagas)).to.deep.equal(['completed']);
    expect(completed.body.sagas[0]?.outcome).to.equal('COMPLETED');
    const outOfStock = await list('?outcome=OUT_OF_STOCK');
    expect(names(outOfStock.body.sagas)).to.deep.equal(['outOfStock']);
    expect(outOfStock.body.sagas[0]?.outcome).to.equal('OUT_OF_STOCK');
    expect((await list('?outcome=COMPLETED&status=RUNNING')).body.sagas).to.deep.equal([]);
    expect((await list('?outcome=PAYMENT_DECLINED')).body.sagas).to.deep.equal([]);
  });

  it('filters by the binding’s searchable field: the customer', async () => {
    expect(names((await list('?customerId=bob')).body.sagas)).to.deep.equal(['completed', 'outOfStock']);
    expect(names((await list('?customerId=alice&status=RUNNING')).body.sagas)).to.deep.equal([
      'newest',
      'paying',
      'reserving',
    ]);
  });

  it('filters by age: created strictly after and before ISO times', async () => {
    // The sagas were started at 11:00 (reserving), 12:00, 13:00, 14:00 and 15:00 (newest).
    const between = await list('?createdAfter=2026-01-01T11:00:00Z&createdBefore=2026-01-01T14:00:00.000Z');
    expect(names(between.body.sagas)).to.deep.equal(['paying', 'outOfStock']);
    expect(names((await list('?createdBefore=2026-01-01T12:30:00%2B01:00')).body.sagas)).to.deep.equal([
      'reserving',
    ]);
  });

  it('pages within a filter', async () => {
    const first = await list('?customerId=alice&limit=2');
    expect(names(first.body.sagas)).to.deep.equal(['newest', 'paying']);
    const second = await list(`?customerId=alice&limit=2&cursor=${first.body.nextCursor ?? ''}`);
    expect(names(second.body.sagas)).to.deep.equal(['reserving']);
    expect(second.body.nextCursor).to.equal(null);
  });

  it('answers 400 naming each bad parameter', async () => {
    const cases: [string, string, RegExp][] = [
      ['?status=STUCK', 'status.0', /must be one of RUNNING, COMPENSATING/],
      ['?step=shipIt', 'step', /must be one of the steps reserveInventory, processPayment, commitInventory/],
      ['?outcome=out of stock', 'outcome', /COMPLETED or a failure reason code/],
      ['?createdAfter=yesterday', 'createdAfter', /must be an ISO time/],
      ['?createdBefore=2026-01-01&createdBefore=2026-01-02', 'createdBefore', /must be given once/],
      ['?limit=0', 'limit', /from 1 to 200/],
      ['?limit=201', 'limit', /from 1 to 200/],
      ['?cursor=not-a-cursor', 'cursor', /is not a nextCursor this API returned/],
      ['?customerId=a&customerId=b', 'customerId', /must be given once/],
      ['?colour=red', 'colour', /is not a known query parameter/],
      ['?status[$ne]=x', 'status[$ne]', /is not a known query parameter/],
    ];
    for (const [query, path, message] of cases) {
      const response = await fetch(`${server.url}/sagas${query}`, {
        headers: { authorization: `Bearer ${opsToken}` },
      });
      const body = (await response.json()) as { error: { details: { path: string; message: string }[] } };
      expect(response.status, query).to.equal(400);
      const detail = body.error.details.find((candidate) => candidate.path === path);
      expect(detail?.message, `${query}: ${JSON.stringify(body.error.details)}`).to.match(message);
    }
  });

  it('needs a staff token', async () => {
    expect((await list('', null)).status).to.equal(401);
  });
});
