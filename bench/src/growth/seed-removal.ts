import type { MongoClient } from 'mongodb';
import {
  finishedSagaParts,
  finishedSagaStores,
  type FinishedSagaPart,
  type StoredDocument,
} from './finished-saga-stores.ts';
import { SeedLeftBehindError } from './seed-left-behind-error.ts';

/** The index removal reads the markers by; the bench's own, on a field only the bench writes. */
export const SEED_INDEX = { key: { benchSeed: 1 }, name: 'benchSeed_1' } as const;

export interface SeedRemovalOptions {
  /** The seeding's id, for the error that says how to remove what is left. */
  readonly runId: string;
  /** Each collection's markers to delete, one deleteMany each (each marks at most DOCUMENTS_PER_MARKER). */
  readonly markers: (part: FinishedSagaPart) => Promise<readonly string[]> | readonly string[];
  /**
   * `created`: drop SEED_INDEX afterwards only where this removal created it (a run cleaning up after
   * itself). `always`: drop it in any case (cleaning up after a run that was killed, which may have
   * left its index behind too).
   */
  readonly dropIndex: 'created' | 'always';
  readonly progress: (message: string) => void;
}

/**
 * Deletes seeded documents marker by marker, collection by collection, so that no deleteMany matches
 * more than one batch (see seed-marker.ts), with SEED_INDEX in place for the store to find each
 * batch by (a hundred deletes by an unindexed field would each read the whole collection). Every
 * collection and marker is tried even when one fails.
 * @throws SeedLeftBehindError naming the collections where a delete failed
 */
export async function removeSeedBatches(mongo: MongoClient, options: SeedRemovalOptions): Promise<void> {
  const { progress } = options;
  const failed: string[] = [];
  let cause: unknown;
  for (const part of finishedSagaParts) {
    const { db, collection: name } = finishedSagaStores[part];
    const collection = mongo.db(db).collection<StoredDocument>(name);
    const where = `${db}.${name}`;
    let created = false;
    let removed = 0;
    let failures = 0;
    try {
      const markers = await options.markers(part);
      // Nothing of the seeding here: no index to make (a killed run's may still be dropped below).
      if (markers.length > 0) created = await ensureIndex(collection);
      const every = Math.max(1, Math.round(markers.length / 10));
      for (const [i, marker] of markers.entries()) {
        try {
          removed += (await collection.deleteMany({ benchSeed: marker })).deletedCount;
        } catch (error) {
          failures += 1;
          cause ??= error;
        }
        if ((i + 1) % every === 0 || i + 1 === markers.length) {
          progress(`${where}: removed ${removed.toLocaleString('en')} (batch ${i + 1} of ${markers.length})`);
        }
      }
    } catch (error) {
      failures += 1;
      cause ??= error;
    }
    if (options.dropIndex === 'always' || created) {
      try {
        if (await hasIndex(collection)) await collection.dropIndex(SEED_INDEX.name);
      } catch (error) {
        // The documents are gone; an index nobody needs is left, worth a line but not a failure.
        progress(`${where}: could not drop the index ${SEED_INDEX.name} (${(error as Error).message})`);
      }
    }
    if (failures > 0) failed.push(where);
  }
  if (failed.length > 0) throw new SeedLeftBehindError(options.runId, failed, { cause });
}

type Collection = ReturnType<ReturnType<MongoClient['db']>['collection']>;

/** Creates SEED_INDEX unless the collection has it; answers whether it was created here. */
async function ensureIndex(collection: Collection): Promise<boolean> {
  if (await hasIndex(collection)) return false;
  await collection.createIndexes([{ key: SEED_INDEX.key, name: SEED_INDEX.name }]);
  return true;
}

async function hasIndex(collection: Collection): Promise<boolean> {
  return (await collection.indexes()).some((index) => index.name === SEED_INDEX.name);
}
