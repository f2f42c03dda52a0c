import type { Bucket } from './histogram-quantile.ts';
import type { Sample } from './prometheus-text.ts';

type LabelFilter = Readonly<Record<string, string>>;

const matches = (sample: Sample, name: string, filter: LabelFilter) =>
  sample.name === name && Object.entries(filter).every(([k, v]) => sample.labels[k] === v);

/** The sum of every sample of `name` whose labels include `filter`. */
export function total(samples: readonly Sample[], name: string, filter: LabelFilter = {}): number {
  let sum = 0;
  for (const s of samples) if (matches(s, name, filter) && Number.isFinite(s.value)) sum += s.value;
  return sum;
}

/** Whether any sample of `name` is there (a metric not exported yet is not a zero). */
export function has(samples: readonly Sample[], name: string): boolean {
  return samples.some((s) => s.name === name);
}

/** The sum of `name` per value of `label`, e.g. saga_finished_total by outcome. */
export function byLabel(samples: readonly Sample[], name: string, label: string): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const s of samples) {
    const key = s.labels[label];
    if (s.name === name && key !== undefined && Number.isFinite(s.value))
      sums[key] = (sums[key] ?? 0) + s.value;
  }
  return sums;
}

/**
 * How much a counter grew from `before` to `after`. A counter that went down was reset (its process
 * restarted), so everything it counts now is new, as Prometheus's increase() reads it.
 */
export function increase(before: number, after: number): number {
  return after >= before ? after - before : after;
}

/** A histogram's cumulative buckets (`<name>_bucket` summed per `le` across other labels). */
export function buckets(samples: readonly Sample[], name: string): Bucket[] {
  const byLe = new Map<number, number>();
  for (const s of samples) {
    const le = s.labels.le;
    if (s.name !== `${name}_bucket` || le === undefined) continue;
    const bound = le === '+Inf' ? Infinity : Number(le);
    if (!Number.isNaN(bound)) byLe.set(bound, (byLe.get(bound) ?? 0) + s.value);
  }
  return [...byLe].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
}

/** What a histogram observed between two readings: the increase of each bucket. */
export function bucketIncrease(before: readonly Bucket[], after: readonly Bucket[]): Bucket[] {
  const earlier = new Map(before.map((b) => [b.le, b.count]));
  const afterTotal = after.at(-1)?.count ?? 0;
  const beforeTotal = before.at(-1)?.count ?? 0;
  // A reset restarts every bucket: take the new readings as they are.
  if (afterTotal < beforeTotal) return [...after];
  return after.map((b) => ({ le: b.le, count: increase(earlier.get(b.le) ?? 0, b.count) }));
}
