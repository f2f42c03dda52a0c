import { BenchError } from './bench-error.ts';

/** An environment variable that sizes a section holds something that is not a usable number. */
export class InvalidSettingError extends BenchError {
  readonly code = 'BENCH_INVALID_SETTING';

  constructor(
    readonly variable: string,
    readonly value: string,
    expected: string,
  ) {
    super(`${variable}=${JSON.stringify(value)} is not ${expected}`);
  }
}
