import { expect } from 'chai';
import {
  deadLetterRecord,
  DeadLetterNotFoundError,
  parseDeadLetter,
  type DeadLetter,
  type Replayed,
} from '@saga/events';
import { createHttpApp, createReadiness, mountDeadLetterRoutes, type DeadLetterStore } from '../src/index.ts';
import { memoryLogger } from './support/memory-logger.ts';
import { serve } from './support/serve.ts';

const adminToken = 'admin-token-0123456789';
const opsToken = 'ops-token-0123456789';

/** A dead letter as it sits in order.confirm.dlq: garbage bytes that did not decode. */
function letter(offset: string): DeadLetter {
  const record = deadLetterRecord(
    {
      key: Buffer.from('order-1'),
      value: Buffer.from([1, 2, 3]),
      timestamp: '1700000000000',
      attributes: 0,
      offset: '17',
      headers: { ce_id: Buffer.from('e-1') },
    },
    {
      topic: 'order.confirm',
      partition: 1,
      consumerGroup: 'order-service',
      error: {
        name: 'MessageDecodeError',
        code: 'MESSAGE_UNDECODABLE',
        message: 'magic byte is 1, expected 0',
      },
      classification: 'permanent',
      attempts: 1,
      at: new Date('2026-01-01T00:00:00.000Z'),
    },
  );
  const headers = Object.fromEntries(
    Object.entries(record.headers ?? {}).map(([k, v]) => [k, Buffer.from(String(v))]),
  );
  const parsed = parseDeadLetter('order.confirm.dlq', 0, {
    key: record.key as Buffer,
    value: record.value as Buffer,
    timestamp: '1700000000001',
    attributes: 0,
    offset,
    headers,
  });
  if (!parsed) throw new Error('not a dead letter');
  return parsed;
}

/** The dead letters of one topic in memory; what a test replays is recorded. */
function memoryStore(): DeadLetterStore & { replayed: DeadLetter[]; listed: string[] } {
  const letters = [letter('0'), letter('1')];
  const replayed: DeadLetter[] = [];
  const listed: string[] = [];
  return {
    replayed,
    listed,
    list: (topic, options) => {
      listed.push(topic);
      return Promise.resolve(topic === 'order.confirm' ? letters.slice(-(options?.limit ?? 100)) : []);
    },
    get: (topic, partition, offset) => {
      const found = letters.find(
        (l) => l.topic === topic && l.partition === partition && l.offset === offset,
      );
      return found
        ? Promise.resolve(found)
        : Promise.reject(new DeadLetterNotFoundError(topic, partition, offset));
    },
    replay: (chosen) => {
      replayed.push(...chosen);
      return Promise.resolve(
        chosen.map((l): Replayed => ({
          from: { topic: l.topic, partition: l.partition, offset: l.offset },
          to: { topic: l.original.topic, partition: 1, offset: '99' },
        })),
      );
    },
  };
}

describe('dead-letter routes', () => {
  let store: ReturnType<typeof memoryStore>;
  let server: Awaited<ReturnType<typeof serve>>;

  beforeEach(async () => {
    store = memoryStore();
    const { logger } = memoryLogger();
    const app = createHttpApp({
      logger,
      readiness: createReadiness({ probes: {} }),
      routes: (router) => {
        mountDeadLetterRoutes(router, {
          auth: { opsTokens: [opsToken], adminTokens: [adminToken], jwt: {} },
          store,
          consumes: ['order.confirm', 'order.cancel'],
          logger,
        });
      },
    });
    server = await serve(app);
  });
  afterEach(() => server.close());

  const call = async (path: string, init: RequestInit = {}, token: string | null = adminToken) => {
    const response = await fetch(`${server.url}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('lists for admin and ops, replays for admin only: none is 401, a replay by ops 403', async () => {
    expect((await call('/dead-letters', {}, null)).status).to.equal(401);
    expect((await call('/dead-letters', {}, opsToken)).status).to.equal(200);
    expect((await call('/dead-letters/replay', { method: 'POST', body: '{}' }, opsToken)).status).to.equal(
      403,
    );
  });

  it('lists the dead letters of every consumed topic, with original bytes, headers and why', async () => {
    const { status, body } = await call('/dead-letters');
    expect(status).to.equal(200);
    expect(store.listed).to.deep.equal(['order.confirm', 'order.cancel']);
    expect(body.topics).to.deep.equal(['order.confirm.dlq', 'order.cancel.dlq']);
    const [first] = body.deadLetters as Record<string, unknown>[];
    expect(first).to.deep.equal({
      topic: 'order.confirm.dlq',
      partition: 0,
      offset: '0',
      key: 'order-1',
      value: Buffer.from([1, 2, 3]).toString('base64'),
      valueBytes: 3,
      headers: { ce_id: 'e-1' },
      original: { topic: 'order.confirm', partition: 1, offset: '17', timestamp: '1700000000000' },
      consumerGroup: 'order-service',
      error: {
        name: 'MessageDecodeError',
        code: 'MESSAGE_UNDECODABLE',
        message: 'magic byte is 1, expected 0',
      },
      classification: 'permanent',
      attempts: 1,
      deadLetteredAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('lists one topic, by its name or its .dlq name, up to a limit', async () => {
    const byName = await call('/dead-letters?topic=order.confirm&limit=1');
    expect(byName.status).to.equal(200);
    expect((byName.body.deadLetters as { offset: string }[]).map((l) => l.offset)).to.deep.equal(['1']);
    const byDlqName = await call('/dead-letters?topic=order.confirm.dlq');
    expect((byDlqName.body.deadLetters as unknown[]).length).to.equal(2);
  });

  it('refuses a topic the service does not consume, and a limit out of range, with 400', async () => {
    const other = await call('/dead-letters?topic=payment.request');
    expect(other.status).to.equal(400);
    expect(JSON.stringify(other.body))
      .to.contain('not a topic this service consumes')
      .and.contain('order.confirm');
    expect((await call('/dead-letters?limit=0')).status).to.equal(400);
    expect((await call('/dead-letters?limit=abc')).status).to.equal(400);
  });

  it('replays one dead letter to its original topic and says where it went', async () => {
    const { status, body } = await call('/dead-letters/replay', {
      method: 'POST',
      body: JSON.stringify({ topic: 'order.confirm.dlq', partition: 0, offset: '1' }),
    });
    expect(status).to.equal(200);
    expect(body).to.deep.equal({
      replayed: {
        from: { topic: 'order.confirm.dlq', partition: 0, offset: '1' },
        to: { topic: 'order.confirm', partition: 1, offset: '99' },
      },
    });
    expect(store.replayed.map((l) => l.offset)).to.deep.equal(['1']);
  });

  it('answers 404 for a dead letter that is not there, 400 for a body that names none', async () => {
    const missing = await call('/dead-letters/replay', {
      method: 'POST',
      body: JSON.stringify({ topic: 'order.confirm.dlq', partition: 0, offset: 5 }),
    });
    expect(missing.status).to.equal(404);
    const invalid = await call('/dead-letters/replay', {
      method: 'POST',
      body: JSON.stringify({ topic: 'order.confirm.dlq', offset: '-1' }),
    });
    expect(invalid.status).to.equal(400);
    expect(store.replayed).to.deep.equal([]);
  });
});
