/**
 * `npm run bench:store`: the store's own operation rates alone (store/store-rates.ts), on the
 * configured store (MONGO_URL, or the local stack's), BENCH_SECONDS per rate (default 5), at 1,000,
 * 10,000 and 100,000 documents: the numbers behind docs/performance.md's store table. `npm run bench` measures
 * the same as its `store` section.
 */
import { loadConfig } from '@saga/config';
import { measureStoreRates } from './store/store-rates.ts';

const config = loadConfig();
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
process.stdout.write(`store ${config.mongo.url.replace(/\/\/[^@]*@/, '//***@')}, ${seconds} s per rate\n`);
const rows = await measureStoreRates(config.mongo.url, { seconds, sizes: [1_000, 10_000, 100_000] }, (line) =>
  process.stdout.write(`  ${line}\n`),
);
process.stdout.write(`${JSON.stringify(rows)}\n`);
