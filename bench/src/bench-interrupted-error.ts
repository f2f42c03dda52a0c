import { BenchError } from './bench-error.ts';

/** The user stopped the run (Ctrl-C, or a SIGTERM): the section cleaned up and gives no figures. */
export class BenchInterruptedError extends BenchError {
  readonly code = 'BENCH_INTERRUPTED';

  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}; the section removed what it had made`);
  }
}
