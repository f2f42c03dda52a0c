import { expect } from 'chai';
import { request } from './support/http.ts';
import { startInventory } from './support/harness.ts';

describe('starting the service (Kafka + registry + FerretDB)', function () {
  this.timeout(90_000);

  it('runs on a pool of 8 store connections, as src/main.ts starts it, and is ready', async () => {
    const inventory = await startInventory();
    try {
      expect(inventory.running.context.db.getClient().options.maxPoolSize).to.equal(8);
      const ready = await request(inventory.url, 'GET', '/readyz');
      expect(ready.status, JSON.stringify(ready.body)).to.equal(200);
    } finally {
      await inventory.stop();
    }
  });

  it('takes the pool size MONGO_URL names', async () => {
    const inventory = await startInventory({ pooledStore: true });
    try {
      expect(inventory.running.context.db.getClient().options.maxPoolSize).to.equal(10);
    } finally {
      await inventory.stop();
    }
  });
});
