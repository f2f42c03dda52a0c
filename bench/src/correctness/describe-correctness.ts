import type { Correctness } from './correctness.ts';

/**
 * One line for the table and the verdict: `200 orders checked: 0 lost, 0 stuck, 0 wrong`, and with
 * `examples` the ids of each failure kind and how the wrong ones ended.
 */
export function describeCorrectness(correctness: Correctness, options: { examples?: boolean } = {}): string {
  const { checked, lost, stuck, wrong } = correctness;
  const counts = `${checked} orders checked: ${lost} lost, ${stuck} stuck, ${wrong} wrong`;
  if (!options.examples) return counts;
  const kinds = (['lost', 'stuck', 'wrong'] as const)
    .filter((kind) => correctness.examples[kind].length > 0)
    .map((kind) => `${kind} e.g. ${correctness.examples[kind].join(', ')}`);
  const how = Object.entries(correctness.wrongAs).map(([outcome, count]) => `${count} × ${outcome}`);
  return [counts, ...kinds, ...how].join('; ');
}
