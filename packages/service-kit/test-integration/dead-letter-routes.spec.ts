import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { topicSamples } from '@saga/contracts/testing';
import { createLogger } from '@saga/logging';
import {
  createTestNamespace,
  testTokens,
  waitFor,
  type TestNamespace,
  type TestPublisher,
} from '@saga/testing';
import { defineService, runService, type DeadLetterView, type RunningService } from '../src/index.ts';

/**
 * The dead-letter routes of a running service, against the real broker and registry in a namespace
 * of its own: what a console sees and does.
 */
describe('dead-letter routes of a running service (Kafka + registry)', function () {
  this.timeout(120_000);
  const topic = 'order.confirm';
  const key = randomUUID();
  /** Message ids the handler refuses for good the first time it sees them. */
  const failOnce = new Set<string>();
  const seen = new Map<string, number>();
  let ns: TestNamespace;
  let running: RunningService;
  let publisher: TestPublisher<typeof topic>;

  const call = async (path: string, body?: object) => {
    const response = await fetch(`${running.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${testTokens.admin}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const listed = async (query: string) =>
    (await call(`/dead-letters?topic=${topic}&${query}`)).body.deadLetters as DeadLetterView[];
  const deadLetterOf = async (id: string) => {
    let found: DeadLetterView | undefined;
    await waitFor(`the dead letter of ${id}`, async () => {
      found = (await listed(`key=${key}&limit=1000`)).find((l) => l.headers.ce_id === id && !l.replayOf);
      return found !== undefined;
    });
    return found as DeadLetterView;
  };
  const failing = async () => {
    const id = randomUUID();
    failOnce.add(id);
    await publisher.publish(topic, key, { ...topicSamples[topic], orderId: key }, { id });
    return deadLetterOf(id);
  };

  before(async () => {
    ns = await createTestNamespace('service-kit-dead-letter-routes');
    publisher = await ns.publisher([topic]);
    running = await runService(
      defineService({
        name: 'order-service',
        port: (c) => c.services.order.port,
        publishes: [],
        consumes: [topic],
        models: () => [],
        handlers: () => ({
          [topic]: (_value: unknown, context: { id: string }) => {
            const times = (seen.get(context.id) ?? 0) + 1;
            seen.set(context.id, times);
            return failOnce.has(context.id) && times === 1
              ? Promise.reject(Object.assign(new Error('rule broken once'), { retriable: false }))
              : Promise.resolve();
          },
        }),
      }),
      {
        ...ns.serviceOptions('dead-letter-routes'),
        logger: createLogger('dead-letter-routes-test', 'silent'),
      },
    );
    ns.cleanup(() => running.stop());
  });
  after(() => ns.close());

  it('lists a dead letter with its value decoded, filtered by key and time', async () => {
    const before = new Date().toISOString();
    const letter = await failing();
    expect(letter.value).to.deep.equal(JSON.parse(JSON.stringify({ ...topicSamples[topic], orderId: key })));
    expect(letter).to.deep.include({ decodeError: null, replayed: null, replayOf: null, key });
    expect(letter.valueSchemaId).to.be.a('number');
    expect(letter.deadLetterHeaders).to.include({ 'dlq.error.message': 'rule broken once' });
    expect((await listed(`key=${key}&since=${before}`)).map((l) => l.offset)).to.deep.equal([letter.offset]);
    expect(await listed(`key=${key}&until=${before}`)).to.deep.equal([]);
    expect(await listed(`key=${randomUUID()}`)).to.deep.equal([]);
    const bad = await call(`/dead-letters?topic=${topic}&since=lately`);
    expect(bad.status).to.equal(400);
  });

  it('replays one once (409 the second time unless again), then shows where it went', async () => {
    const letter = await failing();
    const one = { topic: letter.topic, partition: letter.partition, offset: letter.offset };
    const first = await call('/dead-letters/replay', one);
    expect(first.status).to.equal(200);
    expect(first.body.skipped).to.deep.equal([]);
    const [sent] = first.body.replayed as { from: object; to: { topic: string }; at: string }[];
    expect(sent?.from).to.deep.equal(one);
    expect(sent?.to.topic).to.equal(topic);
    await waitFor('the replayed message handled', () => (seen.get(letter.headers.ce_id ?? '') ?? 0) >= 2);

    expect((await call('/dead-letters/replay', one)).status).to.equal(409);
    const shown = (await listed(`key=${key}&limit=1000`)).find((l) => l.offset === letter.offset);
    expect(shown?.replayed).to.deep.equal({ at: sent?.at, to: sent?.to });
    expect((await call('/dead-letters/replay', { ...one, again: true })).status).to.equal(200);
  });

  it('replays all not yet replayed once: the second time skips them, saying why', async () => {
    const letter = await failing();
    const first = await call('/dead-letters/replay', { topic: `${topic}.dlq`, all: true });
    expect(first.status).to.equal(200);
    const sent = (first.body.replayed as { from: { offset: string } }[]).map((r) => r.from.offset);
    expect(sent).to.include(letter.offset);
    const second = await call('/dead-letters/replay', { topic, all: true });
    expect(second.body.replayed).to.deep.equal([]);
    const skipped = second.body.skipped as { deadLetter: { offset: string }; reason: string }[];
    expect(skipped.find((s) => s.deadLetter.offset === letter.offset)?.reason).to.equal('already-replayed');
  });
});
