import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { loadConfig } from '@saga/config';
import { pieces, silentReporter, Stack, stackPaths } from '@saga/stack';

/**
 * Runs on its own, after the rest of the suite: it stops and starts the local stack.
 * Pieces given as external (KAFKA_BROKERS, ...) are not restarted, and must keep their data anyway.
 */
describe('local stack restart', function () {
  this.timeout(300_000);
  const config = loadConfig();
  const stack = new Stack(pieces, { config, paths: stackPaths(config.stack.home), reporter: silentReporter });
  const run = randomUUID().slice(0, 8);
  const subject = `restart.${run}-value`;
  const schema = JSON.stringify({
    type: 'record',
    name: 'RestartProbe',
    namespace: 'io.saga.test',
    doc: 'Written before a restart, read after it.',
    fields: [{ name: 'run', type: 'string', doc: 'The test run.' }],
  });

  it('keeps registered schemas and stored documents across a stop and a start', async () => {
    const registered = await fetch(`${config.registry.url}/subjects/${subject}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema }),
    });
    expect(registered.status).to.equal(200);
    const { id } = (await registered.json()) as { id: number };

    const before = await mongoose.createConnection(config.mongo.url, { dbName: 'restart' }).asPromise();
    await before.collection('probes').insertOne({ run });
    await before.close();

    await stack.stop();
    expect((await stack.status()).filter((s) => s.mode === 'local' && s.running)).to.deep.equal([]);
    await stack.up();

    const latest = await fetch(`${config.registry.url}/subjects/${subject}/versions/latest`);
    expect(latest.status).to.equal(200);
    expect(((await latest.json()) as { id: number }).id).to.equal(id);

    const after = await mongoose.createConnection(config.mongo.url, { dbName: 'restart' }).asPromise();
    try {
      expect(await after.collection('probes').findOne({ run })).to.include({ run });
    } finally {
      await after.close();
    }
  });
});
