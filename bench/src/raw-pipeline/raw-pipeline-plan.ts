import { referencePace } from '../estimate/reference-pace.ts';
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
  /**
   * How many of the batched candidates (relay-settings.ts) are tried, the first ones. Each costs a
   * rejoin of the four roles, which on a small machine takes longer than the bursts themselves.
   */
  readonly candidates: number;
}

/**
 * quick keeps the two candidates that differ most (kafkajs's defaults, and committing every 200 ms,
 * the change that clearly helped): the baseline is then still a batched figure, in a third of the time.
 */
export const rawPipelinePlans: Readonly<Record<BenchContext['mode'], RawPipelinePlan>> = {
  quick: { burst: 500, warmup: 30, rates: [20], rateSeconds: 3, repeats: 2, candidates: 2 },
  full: { burst: 5000, warmup: 200, rates: [20, 10, 50], rateSeconds: 30, repeats: 5, candidates: 4 },
};

/** The section's time at the reference pace: topics and roles, then every join, burst and rate. */
export function rawPipelineSeconds(plan: RawPipelinePlan): number {
  const { rawJoinSeconds, rawPerMessagePerSecond, rawBatchedPerSecond } = referencePace;
  const setUpAndTearDown = 8;
  const perMessage =
    rawJoinSeconds +
    (plan.warmup + plan.burst) / rawPerMessagePerSecond +
    plan.rates.length * plan.rateSeconds;
  const batched =
    plan.candidates * (rawJoinSeconds + (plan.warmup + plan.repeats * plan.burst) / rawBatchedPerSecond + 1);
  return setUpAndTearDown + perMessage + batched;
}
