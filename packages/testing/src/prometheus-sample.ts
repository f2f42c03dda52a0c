/**
 * The sum of the samples of metric `name` whose labels include `labels`, read from a Prometheus text
 * exposition (GET /metrics); 0 when there is none. Label order is the registry's business, so it is
 * not relied on; the labels not given (a service's default labels, say) are summed over.
 */
export function prometheusSample(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match?.[1] !== name) continue;
    const present = new Map([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => present.get(key) === value)) sum += Number(match[3]);
  }
  return sum;
}
