import { PlatformError } from '@saga/errors';

/**
 * Pipelines stopped completing: a role is stuck, or the broker stopped answering in time. Not
 * retriable: a figure measured around a retry would not mean what it says.
 */
export class PipelineStalledError extends PlatformError {
  readonly code = 'BENCH_PIPELINE_STALLED';
  readonly retriable = false;

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
