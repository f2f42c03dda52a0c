import { expect } from 'chai';
import { request } from './support/http.ts';
import { startInventory } from './support/harness.ts';

const poolWarning = (line: Record<string, unknown>) =>
  String(line.msg).startsWith('the store connection pool is wider than one connection');

describe('starting the service (Kafka + registry + FerretDB)', function () {
  this.timeout(90_000);

  it('runs on a single store connection, as src/main.ts starts it, and is ready', async () => {
    const inventory = await startInventory();
    try {
      expect(inventory.running.context.db.getClient().options.maxPoolSize).to.equal(1);
      expect(inventory.log.filter(poolWarning)).to.deep.equal([]);
      const ready = await request(inventory.url, 'GET', '/readyz');
      expect(ready.status, JSON.stringify(ready.body)).to.equal(200);
    } finally {
      await inventory.stop();
    }
  });

  it('warns when started on a pool of connections, on which FerretDB can lose concurrent updates', async () => {
    const inventory = await startInventory({ pooledStore: true });
    try {
      expect(inventory.running.context.db.getClient().options.maxPoolSize).to.be.above(1);
      expect(inventory.log.filter(poolWarning)).to.have.length(1);
    } finally {
      await inventory.stop();
    }
  });
});
