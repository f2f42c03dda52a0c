import { expect } from 'chai';
import mongoose from 'mongoose';
import { createLogger } from '@saga/logging';
import { topicSamples } from '@saga/contracts/testing';
import { createTestStore, type TestStore } from '@saga/testing';
import {
  aggregateFields,
  createAggregateRuntime,
  createSingleWriter,
  decision,
  enforceSingleWriter,
  GuardLostError,
  guardQueries,
  outboxEntry,
  type AggregateFields,
  type AggregateRuntime,
} from '../src/index.ts';

interface Ticket extends AggregateFields {
  _id: string;
  status: 'OPEN' | 'CLOSED';
  closes: number;
}

const ticketSchema = () => {
  const schema = new mongoose.Schema<Ticket>({ _id: String, status: String, closes: Number });
  schema.plugin(aggregateFields);
  return schema;
};

/** Close an open ticket once; a closed one stays as it is. The decision table of the tests. */
const close = (state: Ticket | null) =>
  state === null
    ? decision.none('NO_TICKET' as const)
    : state.status === 'CLOSED'
      ? decision.none('ALREADY_CLOSED' as const)
      : decision.update({ $set: { status: 'CLOSED' }, $inc: { closes: 1 } }, 'CLOSED' as const, {
          guard: { status: 'OPEN' },
          outbox: [outboxEntry('order.confirm', state._id, topicSamples['order.confirm'])],
        });

/** The runtime on a guarded, single-writer connection, as runService builds it. */
describe('aggregate runtime (on the store)', function () {
  this.timeout(30_000);
  let store: TestStore;
  let Tickets: mongoose.Model<Ticket>;
  let runtime: AggregateRuntime;
  let nudged: unknown[];

  before(async () => {
    store = createTestStore('service-kit-aggregate-runtime');
    const db = await store.connectDatabase(store.dbName('tickets'));
    guardQueries(db);
    const writer = createSingleWriter();
    enforceSingleWriter(db, writer);
    Tickets = db.model<Ticket>('Ticket', ticketSchema());
    await Tickets.init();
    nudged = [];
    runtime = createAggregateRuntime({
      writer,
      relay: { nudge: (id) => nudged.push(id) },
      logger: createLogger('aggregate-runtime-test', 'silent'),
      guardRetry: { initialDelayMs: 1, maxDelayMs: 5, multiplier: 2, jitter: 0, giveUpAfterMs: 100 },
    });
  });
  after(() => store.close());

  const open = (id: string) =>
    runtime.apply<Ticket, 'OPENED' | 'EXISTS'>(Tickets, id, {
      decide: (state) =>
        state ? decision.none('EXISTS') : decision.insert({ status: 'OPEN', closes: 0 }, 'OPENED'),
    });

  it('inserts a new document with the message id and the outbox, and nudges the relay with its id', async () => {
    const applied = await runtime.apply<Ticket, string>(Tickets, 't-insert', {
      message: { id: 'm-1' },
      decide: () =>
        decision.insert({ status: 'OPEN', closes: 0 }, 'OPENED', [
          outboxEntry('order.confirm', 't-insert', topicSamples['order.confirm']),
        ]),
    });
    expect(applied).to.deep.include({ kind: 'applied', result: 'OPENED' });
    const stored = await Tickets.findById('t-insert').lean();
    expect(stored).to.deep.include({ status: 'OPEN', processedMessageIds: ['m-1'] });
    expect(stored?.outbox.map((e) => e.topic)).to.deep.equal(['order.confirm']);
    expect(nudged).to.include('t-insert');
  });

  it('decides an expected-new document on null without reading, and on the stored one when it collides', async () => {
    const create = () =>
      runtime.apply<Ticket, string>(Tickets, 't-new', {
        expectNew: true,
        decide: (state) =>
          state
            ? decision.none(`EXISTS ${state.status}`)
            : decision.insert({ status: 'OPEN', closes: 0 }, 'OPENED'),
      });
    expect(await create()).to.deep.include({ kind: 'applied', result: 'OPENED' });
    expect(await create()).to.deep.include({ kind: 'unchanged', result: 'EXISTS OPEN' });
  });

  it('applies an update while its guard holds, recording the message id and appending the outbox', async () => {
    await open('t-update');
    const applied = await runtime.apply(Tickets, 't-update', { message: { id: 'm-close' }, decide: close });
    expect(applied.kind).to.equal('applied');
    const stored = await Tickets.findById('t-update').lean();
    expect(stored).to.deep.include({ status: 'CLOSED', closes: 1, processedMessageIds: ['m-close'] });
    expect(stored?.outbox).to.have.length(1);
  });

  it('answers duplicate for a message applied before, deciding and writing nothing', async () => {
    await open('t-dup');
    await runtime.apply(Tickets, 't-dup', { message: { id: 'm-twice' }, decide: close });
    let decided = 0;
    const again = await runtime.apply<Ticket, string>(Tickets, 't-dup', {
      message: { id: 'm-twice' },
      decide: (state) => {
        decided++;
        return close(state);
      },
    });
    expect(again.kind).to.equal('duplicate');
    expect(decided).to.equal(0);
    expect((await Tickets.findById('t-dup').lean())?.closes).to.equal(1);
  });

  it('writes nothing for a decision of none, and hands its result back', async () => {
    const applied = await runtime.apply(Tickets, 't-none', { message: { id: 'm-none' }, decide: close });
    expect(applied).to.deep.equal({ kind: 'unchanged', result: 'NO_TICKET', document: null });
    expect(await Tickets.findById('t-none').lean()).to.equal(null);
  });

  it('decides again, on a fresh read, when its guarded write matched nothing', async () => {
    await open('t-race');
    const seen: number[] = [];
    const applied = await runtime.apply<Ticket, number>(Tickets, 't-race', {
      message: { id: 'm-race' },
      decide: (state) => {
        seen.push(state?.closes ?? -1);
        // The first decision is made on a state another process has since changed: its guard misses.
        const guardOn = seen.length === 1 ? -99 : (state?.closes ?? 0);
        return decision.update({ $inc: { closes: 1 } }, seen.length, { guard: { closes: guardOn } });
      },
    });
    expect(applied).to.deep.include({ kind: 'applied', result: 2 });
    expect(seen).to.deep.equal([0, 0]);
    expect(await Tickets.findById('t-race').lean()).to.deep.include({
      closes: 1,
      processedMessageIds: ['m-race'],
    });
  });

  it('gives up with a retriable GuardLostError when the guard never holds', async () => {
    await open('t-lost');
    const error = await runtime
      .apply(Tickets, 't-lost', {
        decide: () => decision.update({ $inc: { closes: 1 } }, 'x', { guard: { status: 'NEVER' } }),
      })
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(GuardLostError);
    expect(error).to.include({
      code: 'GUARD_LOST',
      retriable: true,
      collection: 'tickets',
      documentId: 't-lost',
    });
  });
});
