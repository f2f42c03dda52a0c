import type { SectionResult } from '../section.ts';
import { failuresOf } from './correctness.ts';
import type { IncorrectSection } from './incorrect-outcomes-error.ts';

/**
 * The run's correctness verdict: the sections that found a lost, stuck or wrong order, in run order;
 * none when every section that places orders saw them all end as expected. Sections that place no
 * orders (the raw pipeline, the codec) have no correctness and are not judged. Figures play no part.
 */
export function incorrectSections(results: readonly SectionResult[]): IncorrectSection[] {
  return results.flatMap(({ section, correctness }) =>
    correctness && failuresOf(correctness) > 0 ? [{ section, correctness }] : [],
  );
}
