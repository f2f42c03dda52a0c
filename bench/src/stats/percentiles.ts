/** p50, p95, p99 (and the extremes) of `samples`, by nearest rank; zeros for no samples. */
export function percentiles(samples: readonly number[]): {
  count: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
} {
  if (samples.length === 0) return { count: 0, min: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  // Indexes are within the array by construction; `?? 0` only satisfies the unchecked-index rule.
  const at = (index: number) => sorted[index] ?? 0;
  const rank = (p: number) => at(Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1));
  return {
    count: sorted.length,
    min: at(0),
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    max: at(sorted.length - 1),
  };
}
