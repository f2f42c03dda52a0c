// A second saga is a second definition plus a binding: here a tiny parcel saga, keyed by its parcel
// id, runs through the same manager code and the same store as the trip saga, side by side.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { createLogger } from '@saga/logging';
import { defineSaga } from '@saga/saga-engine';
import { createSagaManager, defineSagaBinding, runDeadlinePass, sagaIdOf, sagaView } from '../src/index.ts';
import { memorySagaStore } from '../src/testing/index.ts';
import { delivery, replyFor, tripRequested, tripSagaBinding } from './support/trip-saga.ts';

const silent = createLogger('second-saga-test', 'silent');

/** The parcel saga's messages: what starts it, its two commands and their replies, what it ends with. */
interface ParcelTopics {
  'parcel.packed': { parcelId: string; address: string };
  'label.print': { parcelId: string; sagaId: string; address: string };
  'label.printed': { parcelId: string; sagaId: string; labelId: string };
  'courier.book': { parcelId: string; sagaId: string; labelId: string };
  'courier.booked': { parcelId: string; sagaId: string };
  'parcel.dispatched': { parcelId: string; sagaId: string; labelId: string };
}

interface ParcelData {
  readonly parcelId: string;
  readonly sagaId: string;
  readonly address: string;
  /** Empty until the label is printed. */
  readonly labelId: string;
}

/** The definition: print a label, book a courier, then say the parcel is dispatched. */
const parcelSaga = defineSaga<ParcelTopics, ParcelData, never>({
  name: 'parcel',
  steps: [
    {
      name: 'printLabel',
      command: {
        topic: 'label.print',
        value: (data) => ({ parcelId: data.parcelId, sagaId: data.sagaId, address: data.address }),
      },
      onSuccess: { 'label.printed': (data, reply) => ({ ...data, labelId: reply.labelId }) },
    },
    {
      name: 'bookCourier',
      command: {
        topic: 'courier.book',
        value: (data) => ({ parcelId: data.parcelId, sagaId: data.sagaId, labelId: data.labelId }),
      },
      onSuccess: { 'courier.booked': (data) => data },
    },
  ],
  onCompleted: [
    {
      topic: 'parcel.dispatched',
      value: (data) => ({ parcelId: data.parcelId, sagaId: data.sagaId, labelId: data.labelId }),
    },
  ],
  onCancelled: [],
});

/** The binding: parcel.packed starts it, keyed by the parcel id; replies carry the parcel and saga ids. */
const parcelSagaBinding = defineSagaBinding({
  definition: parcelSaga,
  key: { name: 'parcelId', of: (packed) => packed.parcelId },
  start: { topic: 'parcel.packed', data: (packed, { sagaId }) => ({ ...packed, sagaId, labelId: '' }) },
  correlate: ({ message }) =>
    'sagaId' in message ? { key: message.parcelId, sagaId: message.sagaId } : undefined,
});

/** Both sagas' managers over one store of sagas (one collection holds every definition's). */
function setup() {
  const memory = memorySagaStore();
  const sagas = memory.sagas;
  const parcels = createSagaManager({ binding: parcelSagaBinding, sagas, logger: silent });
  const trips = createSagaManager({ binding: tripSagaBinding, sagas, logger: silent });
  return { memory, parcels, trips };
}

describe('a second saga: a second definition plus a binding', () => {
  it('runs start → replies → COMPLETED, keyed by its own key, every outbox entry keyed by it', async () => {
    const { memory, parcels } = setup();
    const parcelId = randomUUID();
    const sagaId = sagaIdOf('parcel', parcelId);
    const ids = { parcelId, sagaId };

    expect(await parcels.start({ parcelId, address: '1 Quay St' }, delivery('packed-1'))).to.deep.equal({
      kind: 'STARTED',
      sagaId,
    });
    expect(
      await parcels.handleReply(
        { topic: 'label.printed', message: { ...ids, labelId: 'label-7' } },
        delivery('printed-1'),
      ),
    ).to.deep.equal({ kind: 'APPLIED', sagaId, version: 1, status: 'RUNNING' });
    expect(
      await parcels.handleReply({ topic: 'courier.booked', message: ids }, delivery('booked-1')),
    ).to.deep.equal({ kind: 'APPLIED', sagaId, version: 2, status: 'COMPLETED' });

    const saga = memory.documents.get(sagaId)!;
    expect(saga).to.include({ saga: 'parcel', key: parcelId, keyName: 'parcelId', status: 'COMPLETED' });
    expect(saga.outbox.map(({ topic, key }) => ({ topic, key }))).to.deep.equal([
      { topic: 'label.print', key: parcelId },
      { topic: 'courier.book', key: parcelId },
      { topic: 'parcel.dispatched', key: parcelId },
    ]);
    expect(saga.outbox.at(-1)?.value).to.deep.equal({ parcelId, sagaId, labelId: 'label-7' });
    expect(saga.processedMessageIds).to.deep.equal(['packed-1', 'printed-1', 'booked-1']);
    expect(sagaView(saga)).to.include({ sagaId, saga: 'parcel', parcelId, status: 'COMPLETED' });
    expect(await memory.store.findByKey('parcel', parcelId)).to.deep.equal(saga);
  });

  it('lives beside the trip saga in one store, the same key value too, each saga found by its own', async () => {
    const { memory, parcels, trips } = setup();
    const key = randomUUID();

    const parcel = await parcels.start({ parcelId: key, address: '1 Quay St' }, delivery());
    const trip = await trips.start(tripRequested(key), delivery());

    expect(parcel.sagaId).to.not.equal(trip.sagaId);
    expect((await memory.store.findByKey('parcel', key))?._id).to.equal(parcel.sagaId);
    expect((await memory.store.findByKey('trip', key))?._id).to.equal(trip.sagaId);
    expect(sagaView((await memory.store.findByKey('trip', key))!)).to.include({ tripId: key });
  });

  it('is not another manager’s: a reply, deadline or retry for a saga of the other definition is UNKNOWN_SAGA', async () => {
    const { memory, parcels, trips } = setup();
    const key = randomUUID();
    const { sagaId } = await trips.start(tripRequested(key), delivery());
    const writes = memory.writes.length;

    // A reply that names the trip's saga by id and key, consumed by the parcel saga's manager.
    const stray = {
      topic: 'label.printed',
      message: { parcelId: key, sagaId: sagaId!, labelId: 'l' },
    } as const;
    expect(await parcels.handleReply(stray, delivery())).to.deep.equal({ kind: 'UNKNOWN_SAGA' });
    expect(await parcels.handleTimeout(sagaId!)).to.deep.equal({ kind: 'UNKNOWN_SAGA' });
    expect(await parcels.retry(sagaId!)).to.deep.equal({ kind: 'UNKNOWN_SAGA' });
    expect(memory.writes).to.have.length(writes);
    // The trip's own manager applies its replies as ever.
    expect(
      await trips.handleReply(replyFor('flight.booked', { tripId: key, sagaId: sagaId! }), delivery()),
    ).to.include({
      kind: 'APPLIED',
    });
  });

  it('has its deadlines handed to its own manager by the one scheduler, by the saga’s definition', async () => {
    const { memory, trips } = setup();
    const { sagaId } = await trips.start(tripRequested(), delivery());
    const handedTo: string[] = [];

    await runDeadlinePass({
      store: memory.store,
      handleTimeout: (id, saga) => {
        handedTo.push(`${saga} ${id}`);
        return trips.handleTimeout(id);
      },
      logger: silent,
      now: new Date(Date.now() + 3_600_000),
      batchSize: 10,
    });

    expect(handedTo).to.deep.equal([`trip ${sagaId!}`]);
  });
});
