import { randomUUID } from 'node:crypto';
import type { MongoClient } from 'mongodb';
import { cloneSaga } from './saga-clone.ts';
import {
  finishedSagaParts,
  finishedSagaStores,
  type FinishedSaga,
  type FinishedSagaPart,
  type StoredDocument,
} from './finished-saga-stores.ts';
import { sagasPerMarker, seedMarker } from './seed-marker.ts';
import { removeSeedBatches } from './seed-removal.ts';

export interface StoreSeedOptions {
  /**
   * Sagas per round of inserts, at most: each collection gets about this many documents in one
   * insertMany, all under one marker (fewer when a saga leaves more than one document in a collection,
   * see seed-marker.ts).
   */
  readonly batch: number;
  /** The seeding's own customers, whose ledgers the seeded charges fill, the sagas taking them in turn. */
  readonly customers: number;
  /** How far apart the seeded sagas are in time: the pace of the history they pretend to be. */
  readonly paceMs: number;
}

const defaults: StoreSeedOptions = { batch: 1_000, customers: 1_000, paceMs: 100 };

/**
 * Finished sagas written straight into the services' stores, as if the platform had run them, and
 * removed again: the history the growth section measures the platform against, in seconds instead of
 * the hours it would take to run. Every document carries `benchSeed: <runId>-<batch>`, one marker per
 * round of inserts; removal deletes marker by marker. Only the finished-saga collections are written
 * (finished-saga-stores.ts), never a hot one.
 */
export class StoreSeed {
  readonly runId = randomUUID().slice(0, 8);
  private readonly options: StoreSeedOptions;
  private stopping = false;
  /** Markers handed out so far: every round's, its insert done, failed or cut short alike. */
  private readonly markers: string[] = [];
  private planting: Promise<void> = Promise.resolve();

  constructor(
    private readonly mongo: MongoClient,
    options: Partial<StoreSeedOptions> = {},
  ) {
    this.options = { ...defaults, ...options };
  }

  /**
   * Writes `count` copies of `template`, `batch` sagas at a time. Stops between two rounds once
   * `remove` is called (the section was interrupted), so no insert lands after the removal.
   */
  plant(template: FinishedSaga, count: number, progress: (message: string) => void): Promise<void> {
    this.planting = this.insert(template, count, progress);
    return this.planting;
  }

  private async insert(
    template: FinishedSaga,
    count: number,
    progress: (message: string) => void,
  ): Promise<void> {
    const { customers, paceMs } = this.options;
    const batch = sagasPerMarker(template, this.options.batch);
    for (let first = 0; first < count && !this.stopping; first += batch) {
      const marker = seedMarker(this.runId, this.markers.length);
      // Handed out before the insert: a round that fails halfway has still written some of its documents.
      this.markers.push(marker);
      const round = finishedSagaParts.map((part) => ({ part, documents: [] as StoredDocument[] }));
      for (let index = first; index < Math.min(count, first + batch); index++) {
        const clone = cloneSaga(template, {
          index,
          marker,
          customerId: `growth-${this.runId}-${index % customers}`,
          shiftMs: -(index + 1) * paceMs,
        });
        for (const { part, documents } of round) documents.push(...clone[part]);
      }
      // Unordered: the store may write a batch as it likes; the collections are separate, so side by side.
      await Promise.all(
        round.map(({ part, documents }) => this.collection(part).insertMany(documents, { ordered: false })),
      );
      const seeded = Math.min(count, first + batch);
      // About ten lines however large the seeding: enough to see it move, few enough to read.
      if (this.markers.length % Math.max(1, Math.round(count / batch / 10)) === 0 || seeded === count) {
        progress(`seeded ${seeded.toLocaleString('en')} of ${count.toLocaleString('en')}`);
      }
    }
  }

  /**
   * Deletes every document of this seeding, from every collection, whatever happened before: planting
   * is stopped and awaited first. One deleteMany per marker and collection (seed-removal.ts), with
   * progress as it goes; the index that finds the markers is made for the removal and dropped after.
   * @throws SeedLeftBehindError when a delete failed (the others are still tried)
   */
  async remove(progress: (message: string) => void): Promise<void> {
    this.stopping = true;
    await this.planting.catch(() => undefined);
    await removeSeedBatches(this.mongo, {
      runId: this.runId,
      markers: () => this.markers,
      dropIndex: 'created',
      progress,
    });
  }

  private collection(part: FinishedSagaPart) {
    const { db, collection } = finishedSagaStores[part];
    return this.mongo.db(db).collection<StoredDocument>(collection);
  }
}
