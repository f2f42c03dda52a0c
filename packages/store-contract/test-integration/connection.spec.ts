import { expect } from 'chai';
import { connectClient, databaseName } from './support/store.ts';

/** What a service and its tests do with the store itself: ping it (readiness), drop a test database. */
describe('the store connection', () => {
  it('answers ping (the readiness probe, storeProbe)', async () => {
    const client = await connectClient();
    try {
      expect(await client.db(databaseName()).command({ ping: 1 })).to.include({ ok: 1 });
    } finally {
      await client.close();
    }
  });

  it('dropDatabase removes a database and all it held (every integration suite’s clean-up)', async () => {
    const client = await connectClient();
    const name = databaseName();
    try {
      await client.db(name).collection('things').insertOne({ n: 1 });
      const listed = async () =>
        (await client.db('admin').admin().listDatabases()).databases.map((d) => d.name);
      expect(await listed()).to.include(name);

      await client.db(name).dropDatabase();

      expect(await listed()).not.to.include(name);
      expect(await client.db(name).collection('things').countDocuments({})).to.equal(0);
    } finally {
      await client.db(name).dropDatabase();
      await client.close();
    }
  });
});
