import { BenchError } from '../bench-error.ts';

/** The extra orchestrator replica the bench started did not become ready (or died on the way). */
export class ReplicaNotReadyError extends BenchError {
  readonly code = 'BENCH_REPLICA_NOT_READY';
  constructor(
    readonly url: string,
    readonly waitedMs: number,
    output: string,
  ) {
    super(
      `the second orchestrator replica at ${url} was not ready after ${Math.round(waitedMs / 1000)} s; its last output:\n${output || '(none)'}\nfix: check that the stack is up (npm start) and read the replica's output above`,
    );
  }
}
