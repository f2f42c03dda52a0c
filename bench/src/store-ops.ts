/**
 * Measures the store's own operation rates and how it behaves under concurrent conditional updates,
 * on the configured store (MONGO_URL, or the local stack's), in a database of its own that it drops.
 * The numbers behind the README's store table; run with `npm run bench:store` while the stack is up.
 *
 *   insertOne                      documents per second, over 1 and 8 connections
 *   update $set+$push by _id       the shape of every aggregate write, 1 and 8 connections
 *   findOne by _id                 with 1,000, 10,000 and 100,000 documents in the collection
 *   update $set by _id             100,000 documents
 *   find by an indexed field       100,000 documents
 *   guarded-update race            20 updates guarded by `version: 0` at once, over 8 connections:
 *                                  how many "won" (MongoDB: exactly 1), over 5 rounds
 */
import { randomUUID } from 'node:crypto';
import { MongoClient, type Collection } from 'mongodb';
import { loadConfig } from '@saga/config';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

interface Row {
  readonly operation: string;
  readonly result: string;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const dbName = `bench_store_${randomUUID().slice(0, 8)}`;
  const one = await MongoClient.connect(config.mongo.url, { maxPoolSize: 1 });
  const eight = await MongoClient.connect(config.mongo.url, { maxPoolSize: 8 });
  const rows: Row[] = [];
  const log = (row: Row) => {
    rows.push(row);
    process.stdout.write(`  ${row.operation.padEnd(50)} ${row.result}\n`);
  };
  process.stdout.write(`store ${config.mongo.url.replace(/\/\/[^@]*@/, '//***@')}, ${SECONDS} s per rate\n`);
  try {
    const on = (client: MongoClient, name: string) => client.db(dbName).collection(name);

    for (const [label, client, workers] of [
      ['1 connection', one, 1],
      ['8 connections', eight, 8],
    ] as const) {
      const docs = on(client, `inserts_${workers}`);
      const rate = await ratePerSecond(workers, () =>
        docs.insertOne({ _id: randomUUID() as never, v: 0, log: [] }),
      );
      log({ operation: `insertOne, ${label}`, result: `${rate.toFixed(0)}/s` });
    }

    const seeded = on(eight, 'seeded');
    await seed(seeded, 1_000);
    for (const [label, client, workers] of [
      ['1 connection', one, 1],
      ['8 connections', eight, 8],
    ] as const) {
      const docs = on(client, 'seeded');
      const rate = await ratePerSecond(workers, (i) =>
        docs.updateOne(
          { _id: `d-${(i * 7919) % 1_000}` as never },
          { $set: { v: i }, $push: { log: i } as never },
        ),
      );
      log({ operation: `update $set+$push by _id (1k docs), ${label}`, result: `${rate.toFixed(0)}/s` });
    }
    let seededSize = 1_000;
    for (const size of [1_000, 10_000, 100_000]) {
      if (size > seededSize) await seed(seeded, size, seededSize);
      seededSize = size;
      const rate = await ratePerSecond(8, (i) => seeded.findOne({ _id: `d-${(i * 7919) % size}` as never }));
      log({ operation: `findOne by _id, ${size} docs, 8 connections`, result: `${rate.toFixed(0)}/s` });
    }
    const updateAtSize = await ratePerSecond(8, (i) =>
      seeded.updateOne({ _id: `d-${(i * 7919) % seededSize}` as never }, { $set: { v: i } }),
    );
    log({
      operation: 'update $set by _id, 100k docs, 8 connections',
      result: `${updateAtSize.toFixed(0)}/s`,
    });
    await seeded.createIndexes([{ key: { k: 1 } }]);
    const byField = await ratePerSecond(8, (i) =>
      seeded.find({ k: `k-${(i * 7919) % seededSize}` }).toArray(),
    );
    log({ operation: 'find by an indexed field, 100k docs, 8 conns', result: `${byField.toFixed(1)}/s` });

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
    log({
      operation: '20 guarded updates at once, 8 conns, 5 rounds',
      result: `winners per round: ${winners.join(', ')} (exact: 1)`,
    });
  } finally {
    await eight
      .db(dbName)
      .dropDatabase()
      .catch(() => undefined);
    await one.close();
    await eight.close();
  }
  process.stdout.write(`${JSON.stringify(rows)}\n`);
}

/** Runs `operation` from `workers` loops for SECONDS and answers completed operations per second. */
async function ratePerSecond(workers: number, operation: (i: number) => Promise<unknown>): Promise<number> {
  const until = Date.now() + SECONDS * 1000;
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

async function seed(docs: Collection, size: number, from = 0): Promise<void> {
  process.stdout.write(`  (seeding ${size - from} documents)\n`);
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

await main();
