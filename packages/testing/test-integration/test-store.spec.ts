import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type mongoose from 'mongoose';
import { createTestStore, type TestStore } from '../src/index.ts';

const databasesOn = async (db: mongoose.Connection) =>
  ((await db.db?.admin().listDatabases())?.databases ?? []).map((d) => d.name);

describe('a test store (the store alone, no broker)', function () {
  this.timeout(30_000);
  let lister: TestStore;
  let observer: mongoose.Connection;

  before(async () => {
    lister = createTestStore('store-lister');
    observer = await lister.connectDatabase(lister.dbName('observer'));
  });
  after(() => lister.close());

  it('names its databases after the suite, and drops them and closes its connections on close', async () => {
    const store = createTestStore('Store Suite');
    const name = store.dbName('things');
    expect(name).to.match(/^test_store_suite_[0-9a-f]{8}_things$/);
    const db = await store.connectDatabase(name);
    await db.collection('things').insertOne({ _id: randomUUID() } as never);
    expect(await databasesOn(observer)).to.include(name);

    await store.close();

    expect(db.readyState).to.equal(0, 'disconnected');
    expect(await databasesOn(observer)).not.to.include(name);
  });
});
