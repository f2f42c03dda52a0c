import { isDeepStrictEqual } from 'node:util';
import { expect } from 'chai';
import type mongoose from 'mongoose';
import type { TopicMessageMap } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import { EventClientError, MessageEncodeError, type EventClient, type PublishOptions } from '@saga/events';
import { waitFor } from '@saga/testing';
import {
  outboxEntry,
  startOutboxRelay,
  type OutboxEntry,
  type OutboxRelay,
  type RetryPolicy,
} from '../src/index.ts';
import { memoryLogger } from './support/memory-logger.ts';

/**
 * The relay's rules against an in-memory collection and event client, where failures can be staged
 * exactly. The integration suite runs the same relay against FerretDB and Kafka.
 */
describe('startOutboxRelay', () => {
  const policy: RetryPolicy = {
    initialDelayMs: 20,
    maxDelayMs: 50,
    multiplier: 2,
    jitter: 0,
    giveUpAfterMs: 1000,
  };
  let relay: OutboxRelay | undefined;
  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
  });

  type Doc = { _id: string; outbox: OutboxEntry[]; outboxPending?: boolean };

  /** A model whose collection lives in `docs`; `$pullAll` removes entries equal to the ones given, as the store does. */
  function fakeModel(docs: Doc[]) {
    let finds = 0;
    let reads = 0;
    const model = {
      modelName: 'Thing',
      schema: { path: (path: string) => (path === 'outbox' || path === 'outboxPending' ? {} : undefined) },
      collection: {
        collectionName: 'things',
        find: () => {
          finds++;
          const pending = docs.filter((d) => d.outbox.length > 0).map((d) => structuredClone(d));
          // An async iterable like the driver's cursor, with the close() the relay calls.
          return Object.assign(
            (async function* () {
              await Promise.resolve();
              yield* pending;
            })(),
            { close: () => Promise.resolve() },
          );
        },
        findOne: (filter: { _id: string }) => {
          reads++;
          const doc = docs.find((d) => d._id === filter._id);
          return Promise.resolve(doc ? structuredClone(doc) : null);
        },
        // The relay's removal: guarded by the outbox's size when it would empty it (see removeSent).
        updateOne: (
          filter: { _id: string; outbox?: { $size: number } },
          update: { $pullAll: { outbox: OutboxEntry[] }; $set?: { outboxPending: boolean } },
        ) => {
          const doc = docs.find((d) => d._id === filter._id);
          const matches = doc !== undefined && (!filter.outbox || doc.outbox.length === filter.outbox.$size);
          if (doc && matches) {
            doc.outbox = doc.outbox.filter(
              (e) => !update.$pullAll.outbox.some((p) => isDeepStrictEqual(p, e)),
            );
            if (update.$set) doc.outboxPending = update.$set.outboxPending;
          }
          return Promise.resolve({ matchedCount: matches ? 1 : 0 });
        },
      },
    };
    return { model: model as unknown as mongoose.Model<unknown>, finds: () => finds, reads: () => reads };
  }

  type Sent = { topic: string; key: string; value: unknown; options: PublishOptions };
  /**
   * An event client that `fail` can refuse: asked once per entry as the relay prepares it, its error
   * is thrown there when it is about the entry itself (an EventClientError, e.g. one that does not fit
   * its schema), and otherwise by the send that carries the entry (the broker refusing the request).
   */
  function fakeEvents(fail: (id: string | undefined) => Error | undefined = () => undefined) {
    const sent: Sent[] = [];
    /** How many requests went to the broker. */
    let requests = 0;
    type Prepared = Sent & { refusedWith?: Error };
    const events = {
      prepare: async (topic: string, key: string, value: unknown, options: PublishOptions) => {
        await new Promise((resolve) => setImmediate(resolve));
        const error = fail(options.id);
        if (error instanceof EventClientError) throw error;
        // `meta.id` as a prepared event has it: the relay remembers what it sent by it.
        return {
          topic,
          key,
          value,
          options,
          meta: { id: options.id },
          ...(error ? { refusedWith: error } : {}),
        };
      },
      sendAll: async (prepared: readonly Prepared[]) => {
        await new Promise((resolve) => setImmediate(resolve));
        const refused = prepared.find((p) => p.refusedWith);
        if (refused?.refusedWith) throw refused.refusedWith;
        if (prepared.length > 0) requests++;
        sent.push(...prepared.map(({ topic, key, value, options }) => ({ topic, key, value, options })));
      },
    };
    return { events: events as unknown as EventClient<TopicMessageMap>, sent, sends: () => requests };
  }

  const entry = (key: string) =>
    outboxEntry('order.created', key, { ...topicSamples['order.created'], orderId: key });

  it('publishes a document’s entries in order, with their ids, stored traceparents (as parents) and times, then removes them', async () => {
    const [a, b, c] = [entry('k1'), entry('k1'), entry('k1')];
    const docs: Doc[] = [{ _id: 'd1', outbox: [a, b, c] }];
    const { events, sent } = fakeEvents();
    relay = startOutboxRelay({
      models: [fakeModel(docs).model],
      events,
      logger: memoryLogger().logger,
      retryPolicy: policy,
    });
    await waitFor('three sends', () => sent.length === 3);
    expect(sent.map((s) => s.options)).to.deep.equal(
      [a, b, c].map((e) => ({ id: e.id, parent: e.traceparent, time: e.createdAt })),
    );
    expect(sent.map((s) => s.key)).to.deep.equal(['k1', 'k1', 'k1']);
    await waitFor('the outbox to empty', () => docs[0]?.outbox.length === 0);
    expect(docs[0]?.outboxPending, 'the pending flag, lowered by the removal that emptied it').to.equal(
      false,
    );
  });

  it('removes only what it sent: an entry written meanwhile stays and goes out on a later pass', async () => {
    const first = entry('k1');
    const late = entry('k1');
    const docs: Doc[] = [{ _id: 'd1', outbox: [first], outboxPending: true }];
    const flagsAfterRemovals: (boolean | undefined)[] = [];
    const { events, sent } = fakeEvents(() => {
      flagsAfterRemovals.push(docs[0]?.outboxPending);
      // The domain writes another entry while the relay is publishing the first.
      if (!docs[0]?.outbox.includes(late)) docs[0]?.outbox.push(late);
      return undefined;
    });
    relay = startOutboxRelay({
      models: [fakeModel(docs).model],
      events,
      logger: memoryLogger().logger,
      retryPolicy: policy,
      intervalMs: 30,
    });
    await waitFor('both sends', () => sent.length === 2);
    expect(sent.map((s) => s.options.id)).to.deep.equal([first.id, late.id]);
    await waitFor('the outbox to empty', () => docs[0]?.outbox.length === 0);
    // Removing the first left the late entry: the flag stayed up until the removal that emptied it.
    expect(flagsAfterRemovals).to.deep.equal([true, true]);
    expect(docs[0]?.outboxPending).to.equal(false);
  });

  it('keeps every entry of a send the broker refused, and sends them later with the same ids', async () => {
    const [a, b] = [entry('k1'), entry('k1')];
    const docs: Doc[] = [{ _id: 'd1', outbox: [a, b] }];
    let brokerDown = true;
    const { events, sent } = fakeEvents((id) =>
      brokerDown && id === b.id ? new Error('broker unreachable') : undefined,
    );
    const { logger, lines } = memoryLogger();
    relay = startOutboxRelay({ models: [fakeModel(docs).model], events, logger, retryPolicy: policy });
    await waitFor('a logged failure', () =>
      lines.some((l) => l.msg === 'outbox relay pass failed; entries stay and are retried'),
    );
    // The entries go out together, so a refused request leaves them all for the next pass.
    expect(sent).to.deep.equal([]);
    expect(docs[0]?.outbox).to.deep.equal([a, b]);
    brokerDown = false;
    await waitFor('the retried send', () => sent.length === 2);
    expect(sent.map((s) => s.options.id)).to.deep.equal([a.id, b.id]);
    await waitFor('the outbox to empty', () => docs[0]?.outbox.length === 0);
  });

  it('holds back a document whose entry does not fit its schema, with the entries after it, but not the others', async () => {
    const poison = entry('bad');
    const behind = entry('bad');
    const fine = entry('good');
    const docs: Doc[] = [
      { _id: 'd-bad', outbox: [poison, behind] },
      { _id: 'd-good', outbox: [fine] },
    ];
    const { events, sent } = fakeEvents((id) =>
      id === poison.id ? new MessageEncodeError('order.created', ['orderId']) : undefined,
    );
    const { logger, lines } = memoryLogger();
    relay = startOutboxRelay({
      models: [fakeModel(docs).model],
      events,
      logger,
      retryPolicy: policy,
      intervalMs: 10,
    });
    await waitFor('the good document', () => sent.length === 1);
    await waitFor(
      'two logged attempts at the poison entry',
      () => lines.filter((l) => l.entry === poison.id).length >= 2,
    );
    expect(sent.map((s) => s.options.id)).to.deep.equal([fine.id]);
    expect(docs[0]?.outbox).to.deep.equal([poison, behind]);
    const logged = lines.find((l) => l.entry === poison.id);
    expect(logged).to.include({ level: 50, code: 'MESSAGE_INVALID', document: 'd-bad' });
  });

  it('knows its backlog from memory: a poison document stays in it, what went out leaves it', async () => {
    const poison = entry('bad');
    const fine = entry('good');
    const docs: Doc[] = [
      { _id: 'd-bad', outbox: [poison] },
      { _id: 'd-good', outbox: [fine] },
    ];
    const { events, sent } = fakeEvents((id) =>
      id === poison.id ? new MessageEncodeError('order.created', ['orderId']) : undefined,
    );
    const fake = fakeModel(docs);
    relay = startOutboxRelay({
      models: [fake.model],
      events,
      logger: memoryLogger().logger,
      retryPolicy: policy,
    });
    await waitFor('the good document', () => sent.length === 1 && docs[1]?.outbox.length === 0);
    const reads = fake.reads() + fake.finds();
    expect(relay.backlog()).to.deep.equal({ entries: 1, oldestCreatedAt: poison.createdAt });
    expect(fake.reads() + fake.finds(), 'reading the backlog queries nothing').to.equal(reads);
  });

  /** A relay over `docs` that has done its first pass and would not look again for a minute unless nudged. */
  async function relayAfterFirstPass(docs: Doc[]) {
    const { events, sent, sends } = fakeEvents();
    const fake = fakeModel(docs);
    relay = startOutboxRelay({
      models: [fake.model],
      events,
      logger: memoryLogger().logger,
      intervalMs: 60_000,
    });
    await waitFor('the first pass', () => fake.finds() === 1);
    return { fake, sent, sends, relay };
  }

  it('sends the entries of documents nudged together in one request to the broker, each document’s in order', async () => {
    const docs: Doc[] = [
      { _id: 'd1', outbox: [] },
      { _id: 'd2', outbox: [] },
    ];
    const { sent, sends, relay: started } = await relayAfterFirstPass(docs);
    const [a1, a2, b1] = [entry('k1'), entry('k1'), entry('k2')];
    docs[0]?.outbox.push(a1, a2);
    docs[1]?.outbox.push(b1);
    started.nudge('d1', 'things');
    started.nudge('d2', 'things');
    await waitFor('the nudged sends', () => sent.length === 3, 1000);
    expect(sends()).to.equal(1);
    expect(sent.map((s) => s.options.id)).to.deep.equal([a1.id, a2.id, b1.id]);
    await waitFor('the outboxes to empty', () => docs.every((d) => d.outbox.length === 0), 1000);
  });

  it('publishes a document nudged with its written state without reading it, and never sends an entry twice', async () => {
    const docs: Doc[] = [{ _id: 'd1', outbox: [] }];
    const { fake, sent, relay: started } = await relayAfterFirstPass(docs);
    const first = entry('k1');
    docs[0]?.outbox.push(first);
    started.nudge('d1', 'things', structuredClone(docs[0]));
    await waitFor('the first send', () => docs[0]?.outbox.length === 0, 1000);
    // A write that read the document before that removal: as written, it still holds the sent entry.
    const second = entry('k1');
    const stale = { _id: 'd1', outbox: [first, second] };
    docs[0]?.outbox.push(second);
    started.nudge('d1', 'things', structuredClone(stale));
    await waitFor('the second send', () => sent.length === 2 && docs[0]?.outbox.length === 0, 1000);
    expect(sent.map((s) => s.options.id)).to.deep.equal([first.id, second.id]);
    expect(fake.reads()).to.equal(0);
  });

  it('runs a pass at once when nudged, instead of waiting for the next poll', async () => {
    const docs: Doc[] = [{ _id: 'd1', outbox: [] }];
    const { sent, relay: started } = await relayAfterFirstPass(docs);
    const written = entry('k1');
    docs[0]?.outbox.push(written);
    started.nudge();
    await waitFor('the nudged send', () => sent.length === 1, 1000);
    expect(sent[0]?.options.id).to.equal(written.id);
  });

  it('relays a document nudged about by id at once, reading that document alone', async () => {
    const docs: Doc[] = [
      { _id: 'd1', outbox: [] },
      { _id: 'd2', outbox: [] },
    ];
    const { fake, sent, relay: started } = await relayAfterFirstPass(docs);
    const written = entry('k2');
    docs[1]?.outbox.push(written);
    started.nudge('d2');
    await waitFor('the nudged send', () => sent.length === 1, 1000);
    expect(sent[0]?.options.id).to.equal(written.id);
    await waitFor('the outbox to empty', () => docs[1]?.outbox.length === 0, 1000);
    // No look through every document: on FerretDB that is a scan of the whole collection.
    expect(fake.finds()).to.equal(1);
    expect(fake.reads()).to.equal(1);
  });

  it('looks through every document once at start, and then only when nudged, by default', async () => {
    const docs: Doc[] = [{ _id: 'd1', outbox: [entry('k1')] }];
    const { events, sent } = fakeEvents();
    const fake = fakeModel(docs);
    relay = startOutboxRelay({ models: [fake.model], events, logger: memoryLogger().logger });
    // What a crash left behind is found by the look at start.
    await waitFor('the entry left before the start', () => sent.length === 1, 1000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // No look on a timer: on FerretDB each is a scan of the collection.
    expect(fake.finds()).to.equal(1);
    docs[0]?.outbox.push(entry('k2'));
    relay.nudge('d1', 'things');
    await waitFor('the nudged entry', () => sent.length === 2, 1000);
    expect(fake.finds()).to.equal(1);
  });

  it('tries a poison document again when its backoff is over, without a look on a timer', async () => {
    const poison = entry('bad');
    const docs: Doc[] = [{ _id: 'd-bad', outbox: [poison] }];
    const { events } = fakeEvents((id) =>
      id === poison.id ? new MessageEncodeError('order.created', ['orderId']) : undefined,
    );
    const { logger, lines } = memoryLogger();
    const fake = fakeModel(docs);
    relay = startOutboxRelay({ models: [fake.model], events, logger, retryPolicy: policy });
    await waitFor(
      'three logged attempts at the poison entry',
      () => lines.filter((l) => l.entry === poison.id).length >= 3,
      2000,
    );
    expect(fake.finds()).to.equal(1);
    expect(fake.reads()).to.be.at.least(2);
  });

  it('stops polling once stopped', async () => {
    const fake = fakeModel([]);
    relay = startOutboxRelay({
      models: [fake.model],
      events: fakeEvents().events,
      logger: memoryLogger().logger,
      intervalMs: 5,
    });
    await waitFor('a few passes', () => fake.finds() >= 3);
    await relay.stop();
    const finds = fake.finds();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.finds()).to.equal(finds);
  });

  it('refuses a model without an outbox array', () => {
    const model = {
      modelName: 'Plain',
      schema: { path: () => undefined },
    } as unknown as mongoose.Model<unknown>;
    expect(() =>
      startOutboxRelay({ models: [model], events: fakeEvents().events, logger: memoryLogger().logger }),
    ).to.throw(TypeError, /Plain has no "outbox" array/);
  });
});
