import type { Collection } from 'mongoose';
import { finishedSagasCollection, type SagaModel } from './saga-model.ts';

/**
 * Indexes of the saga collection that earlier versions made and this one must not keep. `orderId_1`
 * was unique on the order id, which sagas no longer store (their key is `key`): left in place, every
 * saga after the first would collide on its missing `orderId`. `saga_1_key_1` was unique on the
 * definition and key: left in place, an order's second return saga would collide with its first.
 */
const retired = ['orderId_1', 'saga_1_key_1'];

/**
 * Drops the retired indexes that a store written by an earlier version still has, in the running
 * sagas' collection and in the archive of finished ones; nothing when there are none. Idempotent, and
 * cheap (one listIndexes per collection), so a service runs it at every start.
 * @returns the names of the indexes it dropped (an archive's as `sagas_finished.<name>`)
 */
export async function dropRetiredSagaIndexes(model: SagaModel): Promise<string[]> {
  const running = await dropRetired(model.collection);
  const archive = await dropRetired(model.db.collection(finishedSagasCollection));
  return [...running, ...archive.map((name) => `${finishedSagasCollection}.${name}`)];
}

async function dropRetired(collection: Pick<Collection, 'indexes' | 'dropIndex'>): Promise<string[]> {
  let existing;
  try {
    existing = await collection.indexes();
  } catch (error) {
    // A collection not created yet (the archive, before any saga finished) has no index to drop.
    if ((error as { code?: unknown }).code === namespaceNotFound) return [];
    throw error;
  }
  const dropping = existing.flatMap((index) =>
    typeof index.name === 'string' && retired.includes(index.name) ? [index.name] : [],
  );
  for (const name of dropping) await collection.dropIndex(name);
  return dropping;
}

/** The server's code for a collection that does not exist. */
const namespaceNotFound = 26;
