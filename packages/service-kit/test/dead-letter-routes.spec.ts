import { expect } from 'chai';
import {
  deadLetterRecord,
  DeadLetterAlreadyReplayedError,
  DeadLetterNotFoundError,
  matchesDeadLetterFilter,
  parseDeadLetter,
  planReplayAll,
  type DeadLetter,
  type ListOptions,
  type Replayed,
} from '@saga/events';
import { createHttpApp, createReadiness, mountDeadLetterRoutes, type DeadLetterStore } from '../src/index.ts';
import { memoryLogger } from './support/memory-logger.ts';
import { serve } from './support/serve.ts';

const adminToken = 'admin-token-0123456789';
const opsToken = 'ops-token-0123456789';

/** A dead letter as it sits in order.confirm.dlq: garbage bytes that did not decode. */
function letter(offset: string, key = 'order-1', at = '2026-01-01T00:00:00.000Z'): DeadLetter {
  const record = deadLetterRecord(
    {
      key: Buffer.from(key),
      value: Buffer.from([1, 2, 3]),
      timestamp: '1700000000000',
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
      at: new Date(at),
    },
  );
  const headers = Object.fromEntries(
    Object.entries(record.headers ?? {}).map(([k, v]) => [k, Buffer.from(String(v))]),
  );
  const parsed = parseDeadLetter('order.confirm.dlq', 0, {
    key: record.key as Buffer,
    value: record.value as Buffer,
    timestamp: '1700000000001',
    offset,
    headers,
  });
  if (!parsed) throw new Error('not a dead letter');
  return parsed;
}

/** The dead letters of one topic in memory; what a test replays is recorded, and marks the letter replayed. */
function memoryStore(): DeadLetterStore & {
  replayed: DeadLetter[];
  listed: { topic: string; options: ListOptions }[];
} {
  let letters = [letter('0'), letter('1', 'order-2', '2026-01-01T01:00:00.000Z')];
  const replayed: DeadLetter[] = [];
  const listed: { topic: string; options: ListOptions }[] = [];
  const send = (chosen: readonly DeadLetter[]): Replayed[] => {
    replayed.push(...chosen);
    const sent = chosen.map((l): Replayed => ({
      from: { topic: l.topic, partition: l.partition, offset: l.offset },
      to: { topic: l.original.topic, partition: 1, offset: '99' },
      at: '2026-01-02T00:00:00.000Z',
    }));
    letters = letters.map((l) => {
      const done = sent.find((r) => r.from.offset === l.offset);
      return done ? { ...l, replayed: { at: done.at, to: done.to } } : l;
    });
    return sent;
  };
  return {
    replayed,
    listed,
    list: (topic, given) => {
      const options: ListOptions = { ...given };
      listed.push({ topic, options });
      const found =
        topic === 'order.confirm' ? letters.filter((l) => matchesDeadLetterFilter(l, options)) : [];
      return Promise.resolve(found.slice(-(options.limit ?? 100)));
    },
    decodeValues: (chosen) =>
      Promise.resolve(
        chosen.map((l) =>
          l.offset === '0'
            ? { json: null, schemaId: null, decodeError: 'magic byte is 1, expected 0' }
            : { json: { orderId: 'order-2' }, schemaId: 7, decodeError: null },
        ),
      ),
    replayOne: (topic, partition, offset, given) => {
      const options = { ...given };
      const found = letters.find(
        (l) => l.topic === topic && l.partition === partition && l.offset === offset,
      );
      if (!found) return Promise.reject(new DeadLetterNotFoundError(topic, partition, offset));
      if (found.replayed && options.again !== true)
        return Promise.reject(
          new DeadLetterAlreadyReplayedError({ topic, partition, offset }, found.replayed),
        );
      return Promise.resolve({ replayed: send([found]), skipped: [] });
    },
    replayAll: (topic, options) => {
      const plan = planReplayAll(
        letters.filter((l) => l.topic === topic),
        options,
      );
      return Promise.resolve({ replayed: send(plan.send), skipped: plan.skipped });
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
          now: () => new Date('2026-01-01T02:00:00.000Z'),
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

  it('lists the dead letters of every consumed topic: value decoded or why not, bytes, headers and why', async () => {
    const { status, body } = await call('/dead-letters');
    expect(status).to.equal(200);
    expect(store.listed.map((l) => l.topic)).to.deep.equal(['order.confirm', 'order.cancel']);
    expect(body.topics).to.deep.equal(['order.confirm.dlq', 'order.cancel.dlq']);
    const [first, second] = body.deadLetters as Record<string, unknown>[];
    expect(first).to.deep.equal({
      topic: 'order.confirm.dlq',
      partition: 0,
      offset: '0',
      key: 'order-1',
      value: null,
      valueBase64: Buffer.from([1, 2, 3]).toString('base64'),
      valueBytes: 3,
      valueSchemaId: null,
      decodeError: 'magic byte is 1, expected 0',
      headers: { ce_id: 'e-1' },
      deadLetterHeaders: {
        'dlq.original.topic': 'order.confirm',
        'dlq.original.partition': '1',
        'dlq.original.offset': '17',
        'dlq.original.timestamp': '1700000000000',
        'dlq.consumer.group': 'order-service',
        'dlq.error.class': 'MessageDecodeError',
        'dlq.error.code': 'MESSAGE_UNDECODABLE',
        'dlq.error.message': 'magic byte is 1, expected 0',
        'dlq.classification': 'permanent',
        'dlq.attempts': '1',
        'dlq.dead-lettered-at': '2026-01-01T00:00:00.000Z',
      },
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
      replayed: null,
      replayOf: null,
    });
    expect(second).to.deep.include({ value: { orderId: 'order-2' }, valueSchemaId: 7, decodeError: null });
  });

  it('filters by key and dead-lettering time, relative times counting back from now', async () => {
    const byKey = await call('/dead-letters?topic=order.confirm&key=order-2');
    expect((byKey.body.deadLetters as { offset: string }[]).map((l) => l.offset)).to.deep.equal(['1']);
    // now is 02:00: 90m ago is 00:30, after the first letter and before the second.
    const recent = await call('/dead-letters?topic=order.confirm&since=90m');
    expect((recent.body.deadLetters as { offset: string }[]).map((l) => l.offset)).to.deep.equal(['1']);
    expect(store.listed.at(-1)?.options.since?.toISOString()).to.equal('2026-01-01T00:30:00.000Z');
    const early = await call('/dead-letters?topic=order.confirm&until=2026-01-01T00:30:00Z');
    expect((early.body.deadLetters as { offset: string }[]).map((l) => l.offset)).to.deep.equal(['0']);
  });

  it('refuses a filter it cannot read with 400, naming the parameter and the forms it takes', async () => {
    const since = await call('/dead-letters?since=yesterday');
    expect(since.status).to.equal(400);
    expect(JSON.stringify(since.body)).to.contain('"path":"since"').and.contain('15m');
    const backwards = await call('/dead-letters?since=1h&until=2h');
    expect(backwards.status).to.equal(400);
    expect(JSON.stringify(backwards.body)).to.contain('must be before until');
    expect((await call('/dead-letters?key=')).status).to.equal(400);
    expect((await call('/dead-letters?limit=1001')).status).to.equal(400);
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
      replayed: [
        {
          from: { topic: 'order.confirm.dlq', partition: 0, offset: '1' },
          to: { topic: 'order.confirm', partition: 1, offset: '99' },
          at: '2026-01-02T00:00:00.000Z',
        },
      ],
      skipped: [],
    });
    expect(store.replayed.map((l) => l.offset)).to.deep.equal(['1']);
  });

  it('refuses to replay a dead letter twice with 409, unless asked again', async () => {
    const replay = (body: object) =>
      call('/dead-letters/replay', { method: 'POST', body: JSON.stringify(body) });
    const one = { topic: 'order.confirm.dlq', partition: 0, offset: '1' };
    expect((await replay(one)).status).to.equal(200);
    const twice = await replay(one);
    expect(twice.status).to.equal(409);
    expect((twice.body.error as { message: string }).message)
      .to.contain('already replayed to order.confirm/1/99')
      .and.contain('"again": true');
    expect((await replay({ ...one, again: true })).status).to.equal(200);
    expect(store.replayed.map((l) => l.offset)).to.deep.equal(['1', '1']);
  });

  it('replays all dead letters of a topic once: a second time skips them, saying why', async () => {
    const all = () =>
      call('/dead-letters/replay', {
        method: 'POST',
        body: JSON.stringify({ topic: 'order.confirm', all: true }),
      });
    const first = await all();
    expect(first.status).to.equal(200);
    expect((first.body.replayed as { from: { offset: string } }[]).map((r) => r.from.offset)).to.deep.equal([
      '0',
      '1',
    ]);
    const second = await all();
    expect(second.body.replayed).to.deep.equal([]);
    expect(second.body.skipped).to.have.length(2);
    expect((second.body.skipped as { reason: string }[])[0]?.reason).to.equal('already-replayed');
    expect(store.replayed).to.have.length(2);
  });

  it('refuses a replay body that mixes one dead letter with all of them', async () => {
    const mixed = await call('/dead-letters/replay', {
      method: 'POST',
      body: JSON.stringify({ topic: 'order.confirm.dlq', all: true, offset: '1' }),
    });
    expect(mixed.status).to.equal(400);
    const notTrue = await call('/dead-letters/replay', {
      method: 'POST',
      body: JSON.stringify({ topic: 'order.confirm.dlq', all: false }),
    });
    expect(notTrue.status).to.equal(400);
    expect(store.replayed).to.deep.equal([]);
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
