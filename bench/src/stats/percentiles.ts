/** p50, p95, p99 (and the extremes) of `samples`, by nearest rank; zeros for no samples. */
export function percentiles(samples: readonly number[]): {
  count: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
} {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return {
    count: sorted.length,
    min: sorted[0] ?? 0,
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    max: sorted.at(-1) ?? 0,
  };
}
