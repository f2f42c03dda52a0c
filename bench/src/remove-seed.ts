/**
 * `npm run -w @saga/bench seed:remove [-- <runId>]`: removes what a growth section seeded and could not
 * remove itself (the run was killed, or its removal failed and said so): every document whose
 * `benchSeed` marker is the run's (`<runId>-<batch>`, or `<runId>` as older runs marked them), or with
 * no run id every seeded document, batch by batch, and the bench's marker index with them.
 */
import { MongoClient } from 'mongodb';
import { loadConfig } from '@saga/config';
import { finishedSagaStores, type StoredDocument } from './growth/finished-saga-stores.ts';
import { isMarkerOf } from './growth/seed-marker.ts';
import { removeSeedBatches } from './growth/seed-removal.ts';

async function main(argv: readonly string[]): Promise<void> {
  const [runId] = argv;
  const config = loadConfig();
  const mongo = await MongoClient.connect(config.mongo.url, { maxPoolSize: 2 });
  try {
    await removeSeedBatches(mongo, {
      runId: runId ?? '<runId>',
      markers: async (part) => {
        const { db, collection } = finishedSagaStores[part];
        const found = await mongo
          .db(db)
          .collection<StoredDocument>(collection)
          .distinct('benchSeed', { benchSeed: { $exists: true } });
        const markers = found.filter((marker): marker is string => typeof marker === 'string');
        return runId === undefined ? markers : markers.filter((marker) => isMarkerOf(marker, runId));
      },
      dropIndex: 'always',
      progress: (message) => process.stdout.write(`${message}\n`),
    });
    process.stdout.write(`no seeded documents${runId ? ` of ${runId}` : ''} left\n`);
  } finally {
    await mongo.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`seed:remove failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
