import { PlatformError } from '@saga/errors';

/** What stops a bench run, with what to do about it. */
export class BenchError extends PlatformError {
  readonly retriable = false;
  constructor(
    readonly code: string,
    message: string,
    readonly fix: string,
  ) {
    super(`${message}; ${fix}`);
  }
}
