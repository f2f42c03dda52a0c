import { BenchError } from '../bench-error.ts';

/** Pipelines stopped completing: a role is stuck, or the broker stopped answering in time. */
export class PipelineStalledError extends BenchError {
  readonly code = 'BENCH_PIPELINE_STALLED';

  constructor(
    readonly completed: number,
    readonly expected: number,
    readonly quietMs: number,
  ) {
    super(
      `${completed} of ${expected} pipelines completed, then none for ${quietMs / 1000} s: check that the broker is up and not starved (npm run stack:status, and what else runs on the machine)`,
    );
  }
}
