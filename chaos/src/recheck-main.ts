import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import { loadConfig } from '@saga/config';
import { checkRun, formatReport } from './checker/index.ts';
import { privateInfrastructure, stackInfrastructure } from './harness/infrastructure.ts';
import { seededRandom } from './harness/random.ts';
import { readSnapshot } from './harness/read-snapshot.ts';
import { createScenario } from './harness/scenario.ts';

/**
 * `npm run -w @saga/chaos recheck -- --seed N [--infrastructure private]`: judges an earlier chaos
 * run again from what its databases hold now (its scope comes from its seed), e.g. after it failed
 * to drain, or with a newer checker. Every order of the run counts as accepted.
 */
const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    infrastructure: { type: 'string', default: 'stack' },
  },
});
if (values.seed === undefined) throw new Error('--seed is required: the seed the chaos run printed');
const seed = Number(values.seed);
const config = loadConfig();
const infra =
  values.infrastructure === 'private' ? privateInfrastructure(config) : stackInfrastructure(config);
if (infra.isPrivate) await infra.start('store');
const scenario = createScenario(`CH${seed.toString(36).toUpperCase()}`, seededRandom(seed));
const mongo = new MongoClient(infra.config.mongo.url, { serverSelectionTimeoutMS: 5_000 });
try {
  const report = checkRun(scenario.inputs([]), await readSnapshot(mongo, scenario.scope()));
  for (const line of formatReport(report)) console.log(line);
  process.exitCode = report.ok ? 0 : 1;
} finally {
  await mongo.close();
  // The store, then the PostgreSQL its start brought up.
  if (infra.isPrivate) {
    await infra.stop('store');
    await infra.stop('postgres');
  }
}
