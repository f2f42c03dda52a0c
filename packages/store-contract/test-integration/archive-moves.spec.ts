import { expect } from 'chai';
import { isDuplicateKeyError } from '@saga/service-kit';
import { useOwnDatabase } from './support/store.ts';

/**
 * The finished archive's moves (service-kit `aggregate/finished-archive.ts`): a document is copied
 * whole into the other collection (an insert, or a replace of a copy a crash left there), then
 * deleted from the first. The copy must be the document exactly, nulls and empty arrays included.
 */
describe('archive moves: insert, replace on a duplicate, delete by _id', () => {
  const store = useOwnDatabase();

  interface Saga {
    _id: string;
    status: string;
    deadlineAt: Date | null;
    outbox: unknown[];
    history: { at: Date; note: string | null }[];
  }
  const saga = (status: string): Saga => ({
    _id: 's1',
    status,
    deadlineAt: null,
    outbox: [],
    history: [{ at: new Date('2030-01-01T00:00:00Z'), note: null }],
  });

  it('copies a document whole, and a second copy collides on _id with a duplicate key error', async () => {
    const finished = store.db.collection<Saga>('finished');
    await finished.insertOne(saga('COMPLETED'));
    expect(await finished.findOne({ _id: 's1' })).to.deep.equal(saga('COMPLETED'));
    const again = await finished.insertOne(saga('COMPLETED')).catch((error: unknown) => error);
    expect(isDuplicateKeyError(again)).to.equal(true);
  });

  it('replaces the copy a crash left by the document as it is now, nulls and empty arrays kept', async () => {
    const finished = store.db.collection<Saga>('finished');
    await finished.insertOne({ ...saga('RUNNING'), outbox: ['stale'] });
    const replaced = await finished.replaceOne({ _id: 's1' }, saga('CANCELLED'));
    expect(replaced.modifiedCount).to.equal(1);
    expect(await finished.findOne({ _id: 's1' })).to.deep.equal(saga('CANCELLED'));
  });

  it('deletes by _id, once', async () => {
    const running = store.db.collection<Saga>('running');
    await running.insertOne(saga('COMPLETED'));
    expect((await running.deleteOne({ _id: 's1' })).deletedCount).to.equal(1);
    expect((await running.deleteOne({ _id: 's1' })).deletedCount).to.equal(0);
    expect(await running.findOne({ _id: 's1' })).to.equal(null);
  });
});
