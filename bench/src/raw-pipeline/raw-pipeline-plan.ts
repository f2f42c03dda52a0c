import type { BenchContext } from '../section.ts';

/** How much the raw-pipeline section measures in each mode of `npm run bench`. */
export interface RawPipelinePlan {
  /** Pipelines per burst, per message and batched. */
  readonly burst: number;
  /** Pipelines run after each (re)join and before measuring, so no figure pays for a cold start. */
  readonly warmup: number;
  /** Offered rates (pipelines/s) for the per-message latency; the first one gives the rows. */
  readonly rates: readonly number[];
  readonly rateSeconds: number;
  /**
   * Bursts per batched setting. A setting's figure is the median of its bursts, and the best setting
   * by that median gives the row: the maximum of many noisy bursts would flatter the baseline that
   * the saga's own (median) figure is read against.
   */
  readonly repeats: number;
}

export const rawPipelinePlans: Readonly<Record<BenchContext['mode'], RawPipelinePlan>> = {
  quick: { burst: 1000, warmup: 50, rates: [20], rateSeconds: 5, repeats: 3 },
  full: { burst: 5000, warmup: 200, rates: [20, 10, 50], rateSeconds: 30, repeats: 5 },
};
