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
import { SeedLeftBehindError } from './seed-left-behind-error.ts';

export interface StoreSeedOptions {
  /** Sagas per round of inserts: each collection gets about this many documents in one insertMany. */
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
 * the hours it would take to run. Every document carries `benchSeed: <runId>`; removal deletes by it.
 * Only the finished-saga collections are written (finished-saga-stores.ts), never a hot one.
 */
export class StoreSeed {
  readonly runId = randomUUID().slice(0, 8);
  private readonly options: StoreSeedOptions;
  private stopping = false;
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
    const { batch, customers, paceMs } = this.options;
    for (let first = 0; first < count && !this.stopping; first += batch) {
      const round = finishedSagaParts.map((part) => ({ part, documents: [] as StoredDocument[] }));
      for (let index = first; index < Math.min(count, first + batch); index++) {
        const clone = cloneSaga(template, {
          index,
          runId: this.runId,
          customerId: `growth-${this.runId}-${index % customers}`,
          shiftMs: -(index + 1) * paceMs,
        });
        for (const { part, documents } of round) documents.push(...clone[part]);
      }
      // Unordered: the store may write a batch as it likes; the collections are separate, so side by side.
      await Promise.all(
        round.map(({ part, documents }) => this.collection(part).insertMany(documents, { ordered: false })),
      );
      progress(
        `seeded ${Math.min(count, first + batch).toLocaleString('en')} of ${count.toLocaleString('en')}`,
      );
    }
  }

  /**
   * Deletes every document of this seeding, from every collection, whatever happened before: planting
   * is stopped and awaited first. The marker has no index, so each delete scans its collection once.
   * @throws SeedLeftBehindError when a collection's delete failed (the others are still tried)
   */
  async remove(progress: (message: string) => void): Promise<void> {
    this.stopping = true;
    await this.planting.catch(() => undefined);
    const failed: string[] = [];
    let cause: unknown;
    for (const part of finishedSagaParts) {
      const { db, collection } = finishedSagaStores[part];
      try {
        const { deletedCount } = await this.collection(part).deleteMany({ benchSeed: this.runId });
        progress(`removed ${deletedCount.toLocaleString('en')} seeded from ${db}.${collection}`);
      } catch (error) {
        failed.push(`${db}.${collection}`);
        cause ??= error;
      }
    }
    if (failed.length > 0) throw new SeedLeftBehindError(this.runId, failed, { cause });
  }

  private collection(part: FinishedSagaPart) {
    const { db, collection } = finishedSagaStores[part];
    return this.mongo.db(db).collection<StoredDocument>(collection);
  }
}
