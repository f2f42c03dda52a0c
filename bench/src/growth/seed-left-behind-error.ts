import { BenchError } from '../bench-error.ts';

/** The growth section could not remove all the documents it seeded from the services' stores. */
export class SeedLeftBehindError extends BenchError {
  readonly code = 'BENCH_SEED_LEFT_BEHIND';

  constructor(
    readonly runId: string,
    /** `db.collection` of each collection where a delete failed. */
    readonly collections: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(
      `seeded documents may be left in ${collections.join(', ')} (${String((options?.cause as Error | undefined)?.message)}); remove them with \`npm run -w @saga/bench seed:remove -- ${runId}\`, which finds the run's batch markers (benchSeed: '${runId}-<batch>') and deletes them batch by batch (one deleteMany over all of them can fail on FerretDB past 65,535 documents)`,
      options,
    );
  }
}
