import { expect } from 'chai';
import mongoose from 'mongoose';
import { loadConfig } from '@saga/config';
import type { TopicMessageMap } from '@saga/contracts';
import { createEventClient, type EventClient } from '@saga/events';
import { createTestStore, quietLogger, waitFor, type TestStore } from '@saga/testing';
import {
  aggregateFields,
  archiveWhenFinished,
  createAggregateRuntime,
  createSingleWriter,
  decision,
  enforceSingleWriter,
  guardQueries,
  startOutboxRelay,
  type AggregateFields,
  type AggregateRuntime,
  type OutboxRelay,
  type SingleWriter,
} from '../src/index.ts';

interface Ticket extends AggregateFields {
  _id: string;
  status: 'OPEN' | 'CLOSED';
  reopened: number;
}

const finishedCollection = 'tickets_finished';

const ticketSchema = () => {
  const schema = new mongoose.Schema<Ticket>({ _id: String, status: String, reopened: Number });
  schema.plugin(aggregateFields);
  schema.plugin(archiveWhenFinished, {
    collection: finishedCollection,
    finished: { status: 'CLOSED' },
    isFinished: (ticket) => ticket.status === 'CLOSED',
  });
  return schema;
};

/** Open a ticket unless it exists (open or closed): the shape of a saga's start. */
const open = (state: Ticket | null) =>
  state
    ? decision.none('EXISTS' as const)
    : decision.insert({ status: 'OPEN', reopened: 0 }, 'OPENED' as const);
const close = (state: Ticket | null) =>
  state?.status === 'OPEN'
    ? decision.update({ $set: { status: 'CLOSED' } }, 'CLOSED' as const, { guard: { status: 'OPEN' } })
    : decision.none('NOT_OPEN' as const);
/** A change a finished ticket still takes (a late reply that the saga compensates). */
const reopen = (state: Ticket | null) =>
  state?.status === 'CLOSED'
    ? decision.update({ $set: { status: 'OPEN' }, $inc: { reopened: 1 } }, 'REOPENED' as const, {
        guard: { status: 'CLOSED' },
      })
    : decision.none('NOT_CLOSED' as const);

describe('finished archive: finished documents leave the hot collection, and stay found', function () {
  this.timeout(30_000);
  const logger = quietLogger('service-kit-archive-test');
  let store: TestStore;
  let db: mongoose.Connection;
  let Tickets: mongoose.Model<Ticket>;
  let writer: SingleWriter;
  let runtime: AggregateRuntime;
  let events: EventClient<TopicMessageMap>;
  let relay: OutboxRelay | undefined;

  const startRelay = () => {
    relay = startOutboxRelay({ models: [Tickets], events, logger, writer });
    return relay;
  };
  const hot = (id: string) => Tickets.collection.findOne({ _id: id as never });
  const archived = (id: string) => db.collection(finishedCollection).findOne({ _id: id as never });

  /** A ticket opened and closed (messages m-open, m-close), once the relay has moved it. */
  const openCloseAndWaitForTheMove = async (id: string) => {
    await runtime.apply(Tickets, id, { message: { id: 'm-open' }, decide: open });
    await runtime.apply(Tickets, id, { message: { id: 'm-close' }, decide: close });
    await waitFor('the closed ticket to move', async () => (await hot(id)) === null);
  };

  before(async () => {
    store = createTestStore('service-kit-finished-archive');
    db = await store.connectDatabase(store.dbName('tickets'));
    guardQueries(db);
    writer = createSingleWriter();
    enforceSingleWriter(db, writer);
    Tickets = db.model<Ticket>('Ticket', ticketSchema());
    await Tickets.init();
    // The relay's client publishes nothing (a publish it was not connected for throws), so the suite
    // needs the store alone, not a topic namespace.
    events = createEventClient({ config: loadConfig(), service: 'service-kit-archive-test', logger });
    await events.connect({ publishes: [] });
    runtime = createAggregateRuntime({
      writer,
      relay: { nudge: (id, collection) => relay?.nudge(id, collection) },
      logger,
    });
  });
  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
  });
  after(async () => {
    await events.disconnect();
    await store.close();
  });

  it('moves a document to the archive once it is finished and its outbox is sent', async () => {
    startRelay();
    await openCloseAndWaitForTheMove('t-1');
    expect(await archived('t-1')).to.deep.include({ _id: 't-1', status: 'CLOSED' });
  });

  it('keeps an unfinished document in the hot collection', async () => {
    startRelay();
    await runtime.apply(Tickets, 't-2', { message: { id: 'm-open' }, decide: open });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await hot('t-2')).to.deep.include({ status: 'OPEN' });
    expect(await archived('t-2')).to.equal(null);
  });

  it('answers a redelivered message from the archive as a duplicate, and a new start finds the finished one', async () => {
    startRelay();
    await openCloseAndWaitForTheMove('t-3');

    const redelivered = await runtime.apply(Tickets, 't-3', { message: { id: 'm-close' }, decide: close });
    expect(redelivered.kind).to.equal('duplicate');
    // A start's insert skips the read (expectNew), and still sees the archived ticket: no second one.
    const again = await runtime.apply(Tickets, 't-3', {
      message: { id: 'm-open-2' },
      decide: open,
      expectNew: true,
    });
    expect(again).to.deep.include({ kind: 'unchanged', result: 'EXISTS' });
    expect(await hot('t-3')).to.equal(null);
  });

  it('brings an archived document back to change it, and moves it again once finished', async () => {
    startRelay();
    await openCloseAndWaitForTheMove('t-4');

    const reopened = await runtime.apply(Tickets, 't-4', { message: { id: 'm-late' }, decide: reopen });
    expect(reopened).to.deep.include({ kind: 'applied', result: 'REOPENED' });
    expect(await hot('t-4')).to.deep.include({ status: 'OPEN', reopened: 1 });
    expect(await archived('t-4')).to.equal(null);

    await runtime.apply(Tickets, 't-4', { message: { id: 'm-close-2' }, decide: close });
    await waitFor('the ticket to move again', async () => (await hot('t-4')) === null);
    expect(await archived('t-4')).to.deep.include({ status: 'CLOSED', reopened: 1 });
  });

  it('at start, moves finished documents a crash left behind, in the hot collection or in both', async () => {
    await writer.run(Tickets, 't-5', () =>
      Tickets.collection.insertOne({
        _id: 't-5',
        status: 'CLOSED',
        reopened: 0,
        processedMessageIds: [],
        outbox: [],
      } as never),
    );
    const both = { _id: 't-6', status: 'CLOSED', reopened: 0, processedMessageIds: [], outbox: [] };
    await writer.run(Tickets, 't-6', () => Tickets.collection.insertOne(both as never));
    await db.collection(finishedCollection).insertOne(both as never);

    startRelay();
    await waitFor(
      'the left-behind tickets to move',
      async () => (await hot('t-5')) === null && (await hot('t-6')) === null,
    );
    expect(await archived('t-5')).to.deep.include({ status: 'CLOSED' });
    expect(await db.collection(finishedCollection).countDocuments({ _id: 't-6' as never })).to.equal(1);
  });
});
