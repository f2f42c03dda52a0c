import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { loadConfig } from '@saga/config';

/** The driver mongoose runs on, so every spec speaks to the store exactly as the platform does. */
export const { MongoClient } = mongoose.mongo;
export type Db = mongoose.mongo.Db;
export type Collection<T extends mongoose.mongo.Document = mongoose.mongo.Document> =
  mongoose.mongo.Collection<T>;

/** The store under contract: `MONGO_URL`, or the local stack's. */
export const storeUrl = loadConfig().mongo.url;

/** A database name of its own, for one test. */
export function databaseName(): string {
  return `store_contract_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

/** A client with a pool of `maxPoolSize` connections; the platform's services use 1. */
export async function connectClient(maxPoolSize = 1): Promise<mongoose.mongo.MongoClient> {
  return new MongoClient(storeUrl, { maxPoolSize, serverSelectionTimeoutMS: 10_000 }).connect();
}

/**
 * Gives every test of the calling `describe` a database of its own (random name, dropped after it),
 * on one client for the whole block. `store.db` is the current test's database.
 */
export function useOwnDatabase(maxPoolSize = 1) {
  const store = {} as { client: mongoose.mongo.MongoClient; db: Db };
  before(async () => {
    store.client = await connectClient(maxPoolSize);
  });
  beforeEach(() => {
    store.db = store.client.db(databaseName());
  });
  afterEach(() => store.db.dropDatabase());
  after(() => store.client.close());
  return store;
}

/**
 * Like `useOwnDatabase`, through a mongoose connection set up as runService sets up a service's:
 * `store.db` is a connection to the current test's own database.
 */
export function useOwnMongooseDatabase(configure: (db: mongoose.Connection) => void = () => undefined) {
  const store = {} as { db: mongoose.Connection };
  beforeEach(async () => {
    store.db = mongoose.createConnection(storeUrl, {
      dbName: databaseName(),
      maxPoolSize: 1,
      serverSelectionTimeoutMS: 10_000,
    });
    configure(store.db);
    await store.db.asPromise();
  });
  afterEach(async () => {
    await store.db.dropDatabase();
    await store.db.close();
  });
  return store;
}

/** Which store this is, for the reports: FerretDB announces itself in buildInfo; its backend shows in a query plan. */
export async function describeStore(client: mongoose.mongo.MongoClient): Promise<string> {
  const info = await client.db('admin').command({ buildInfo: 1 });
  if (!('ferretdbFeatures' in info) && !('ferretdbVersion' in info)) {
    return `MongoDB ${String(info.version)}`;
  }
  const db = client.db(databaseName());
  try {
    await db.collection('probe').insertOne({ _id: 'x' } as never);
    const plan = JSON.stringify(
      await db
        .collection('probe')
        .find({ _id: 'x' } as never)
        .explain(),
    );
    const backend = /Seq Scan|Index Scan|jsonb/i.test(plan)
      ? 'PostgreSQL'
      : /SCAN|SEARCH/.test(plan)
        ? 'SQLite'
        : 'unknown';
    return `FerretDB (answers as MongoDB ${String(info.version)}; ${backend} backend, from a query plan)`;
  } finally {
    await db.dropDatabase();
  }
}
