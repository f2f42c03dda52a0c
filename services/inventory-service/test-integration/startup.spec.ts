import { expect } from 'chai';
import { createTestNamespace, type TestNamespace } from '@saga/testing';
import { request } from './support/http.ts';
import { startInventory } from './support/harness.ts';

describe('starting the service (Kafka + registry + FerretDB)', function () {
  this.timeout(90_000);
  let ns: TestNamespace;
  before(async () => {
    ns = await createTestNamespace('inventory-startup');
  });
  after(() => ns.close());

  it('runs on a pool of 8 store connections, as src/main.ts starts it, and is ready', async () => {
    const inventory = await startInventory(ns);
    try {
      expect(inventory.running.context.db.getClient().options.maxPoolSize).to.equal(8);
      const ready = await request(inventory.url, 'GET', '/readyz');
      expect(ready.status, JSON.stringify(ready.body)).to.equal(200);
    } finally {
      await inventory.stop();
    }
  });

  it('takes the pool size MONGO_URL names', async () => {
    const inventory = await startInventory(ns, { pooledStore: true });
    try {
      expect(inventory.running.context.db.getClient().options.maxPoolSize).to.equal(10);
    } finally {
      await inventory.stop();
    }
  });
});
