import { randomUUID } from 'node:crypto';
import { MongoClient, type Collection } from 'mongodb';
import type { Measurement } from '../section.ts';

export interface StoreRatePlan {
  /** How long each rate is measured. */
  readonly seconds: number;
  /** Collection sizes the lookups by `_id` are measured at, smallest first. */
  readonly sizes: readonly number[];
}

/**
 * The store's own operation rates, without the platform: what one saga's 56 store operations are
 * made of, on the configured store (MONGO_URL, or the local stack's), in a database of its own that
 * it drops. Also how the store answers 20 updates guarded by `version: 0` at once over 8 connections
 * (MongoDB: exactly one wins; FerretDB: several, which is why each document has a single writer).
 */
export async function measureStoreRates(
  url: string,
  plan: StoreRatePlan,
  progress: (message: string) => void,
): Promise<Measurement[]> {
  const dbName = `bench_store_${randomUUID().slice(0, 8)}`;
  const one = await MongoClient.connect(url, { maxPoolSize: 1 });
  const eight = await MongoClient.connect(url, { maxPoolSize: 8 });
  const rows: Measurement[] = [];
  const rate = (name: string, value: number) => {
    rows.push({ name, value: Math.round(value), unit: 'ops/s' });
    progress(`${name}: ${value.toFixed(0)}/s`);
  };
  const perSecond = (workers: number, operation: (i: number) => Promise<unknown>) =>
    ratePerSecond(plan.seconds, workers, operation);
  try {
    const on = (client: MongoClient, name: string) => client.db(dbName).collection(name);
    const pools = [
      ['1 connection', one, 1],
      ['8 connections', eight, 8],
    ] as const;
    for (const [label, client, workers] of pools) {
      const docs = on(client, `inserts_${workers}`);
      rate(
        `insertOne, ${label}`,
        await perSecond(workers, () => docs.insertOne({ _id: randomUUID() as never, v: 0, log: [] })),
      );
    }
    const seeded = on(eight, 'seeded');
    let size = plan.sizes[0] ?? 1_000;
    await seed(seeded, size, 0, progress);
    for (const [label, client, workers] of pools) {
      const docs = on(client, 'seeded');
      rate(
        `update $set+$push by _id (${size} docs), ${label}`,
        await perSecond(workers, (i) =>
          docs.updateOne(
            { _id: `d-${(i * 7919) % size}` as never },
            { $set: { v: i }, $push: { log: i } as never },
          ),
        ),
      );
    }
    for (const next of plan.sizes) {
      if (next > size) await seed(seeded, next, size, progress);
      size = Math.max(size, next);
      rate(
        `findOne by _id, ${size} docs, 8 connections`,
        await perSecond(8, (i) => seeded.findOne({ _id: `d-${(i * 7919) % size}` as never })),
      );
    }
    await seeded.createIndexes([{ key: { k: 1 } }]);
    rate(
      `find by an indexed field, ${size} docs, 8 connections`,
      await perSecond(8, (i) => seeded.find({ k: `k-${(i * 7919) % size}` }).toArray()),
    );

    const race = on(eight, 'race');
    const winners: number[] = [];
    for (let round = 0; round < 5; round++) {
      const _id = `r-${round}` as never;
      await race.insertOne({ _id, version: 0, wins: [] });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, n) =>
          race.updateOne({ _id, version: 0 }, { $inc: { version: 1 }, $push: { wins: n } as never }),
        ),
      );
      winners.push(results.filter((r) => r.modifiedCount === 1).length);
    }
    rows.push({
      name: '20 updates guarded by version: 0 at once, 8 connections: most winners in 5 rounds (exact: 1)',
      value: Math.max(...winners),
      unit: 'winners',
      detail: { perRound: winners },
    });
    progress(`guarded-update race: winners per round ${winners.join(', ')} (exact: 1)`);
    return rows;
  } finally {
    await eight
      .db(dbName)
      .dropDatabase()
      .catch(() => undefined);
    await one.close();
    await eight.close();
  }
}

/** Runs `operation` from `workers` loops for `seconds` and answers completed operations per second. */
async function ratePerSecond(
  seconds: number,
  workers: number,
  operation: (i: number) => Promise<unknown>,
): Promise<number> {
  const until = Date.now() + seconds * 1000;
  let done = 0;
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (Date.now() < until) {
        await operation(next++);
        done++;
      }
    }),
  );
  return done / ((Date.now() - started) / 1000);
}

async function seed(docs: Collection, size: number, from: number, progress: (message: string) => void) {
  progress(`seeding ${size - from} documents`);
  for (let start = from; start < size; start += 500) {
    const batch = Array.from({ length: Math.min(500, size - start) }, (_, n) => ({
      _id: `d-${start + n}` as never,
      k: `k-${start + n}`,
      v: 0,
      log: [],
    }));
    await docs.insertMany(batch);
  }
}
