import { BenchError } from '../bench-error.ts';
import type { Correctness } from './correctness.ts';
import { describeCorrectness } from './describe-correctness.ts';

/** A section whose orders did not all end as expected, with what its check found. */
export interface IncorrectSection {
  readonly section: string;
  readonly correctness: Correctness;
}

/**
 * Some orders of the run were lost, stuck or ended wrongly: the figures were measured, but on a
 * platform that did not do its job, so the run fails (exit code 1) whatever they say.
 */
export class IncorrectOutcomesError extends BenchError {
  readonly code = 'BENCH_INCORRECT_OUTCOMES';

  constructor(readonly sections: readonly IncorrectSection[]) {
    super(
      `orders did not end as expected in ${sections.map((s) => s.section).join(', ')}:\n${sections
        .map(
          ({ section, correctness }) =>
            `  ${section}: ${describeCorrectness(correctness, { examples: true })}`,
        )
        .join(
          '\n',
        )}\nLook the orders up with GET /orders/<id> and GET /sagas?orderId=<id>, and the services' logs under .stack/logs; a stuck order may only need a longer timeout on a slow machine, a lost or wrong one is a platform bug.`,
    );
  }
}
