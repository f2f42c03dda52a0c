import type { BenchSection } from '../section.ts';
import { measureStoreRates } from '../store/store-rates.ts';

const PLANS = {
  quick: { seconds: 1, sizes: [1_000, 10_000] },
  full: { seconds: 5, sizes: [1_000, 10_000, 100_000] },
} as const;

/**
 * The store's own operation rates, beside which the saga figures read: a saga costs about 56 store
 * operations per service (docs/performance.md), so these bound what the platform can do on this store.
 */
export const storeRates: BenchSection = {
  name: 'store',
  title: 'The store’s own operation rates (no platform)',
  // Eight rates, the guarded race, and seeding the largest size (about 2,000 documents/s).
  estimatedSeconds: (mode) => 8 * PLANS[mode].seconds + 2 + Math.max(...PLANS[mode].sizes) / 2_000,
  async run({ mode, config, progress }) {
    return { section: 'store', rows: await measureStoreRates(config.mongo.url, PLANS[mode], progress) };
  },
};
