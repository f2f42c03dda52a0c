import { BenchError } from '../bench-error.ts';

/** No broker answered at the configured addresses, so nothing can be measured. */
export class KafkaUnreachableError extends BenchError {
  readonly code = 'BENCH_KAFKA_UNREACHABLE';

  constructor(
    readonly brokers: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(
      `Kafka does not answer at ${brokers.join(', ')}: start the stack with npm start, or set KAFKA_BROKERS to your cluster`,
      options,
    );
  }
}
