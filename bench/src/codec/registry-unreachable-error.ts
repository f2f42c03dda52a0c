import { BenchError } from '../bench-error.ts';

/** The schema registry did not answer (or refused) what the codec section needs of it. */
export class RegistryUnreachableError extends BenchError {
  readonly code = 'BENCH_REGISTRY_UNREACHABLE';

  constructor(
    readonly url: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `the schema registry at ${url} ${reason}: start the stack with npm start, or set SCHEMA_REGISTRY_URL (and SCHEMA_REGISTRY_USERNAME/PASSWORD) to yours`,
      options,
    );
  }
}
