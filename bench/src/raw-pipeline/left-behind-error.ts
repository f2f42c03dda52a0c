import { BenchError } from '../bench-error.ts';

/** The run measured, but could not delete all it made on the broker afterwards. */
export class LeftBehindError extends BenchError {
  readonly code = 'BENCH_LEFT_BEHIND';

  constructor(
    readonly prefix: string,
    options?: { cause?: unknown },
  ) {
    super(
      `topics or consumer groups named ${prefix}* may be left on the broker (${String((options?.cause as Error | undefined)?.message)}); delete them with kafka-topics.sh / kafka-consumer-groups.sh --delete`,
      options,
    );
  }
}
