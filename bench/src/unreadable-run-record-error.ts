import { BenchError } from './bench-error.ts';

/** A file given as a saved run is not one bench.ts wrote; nothing was drawn from it. */
export class UnreadableRunRecordError extends BenchError {
  readonly code = 'BENCH_UNREADABLE_RUN_RECORD';

  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}; give a bench/results/<stamp>-<mode>.json`, options);
  }
}
