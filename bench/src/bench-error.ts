import { PlatformError } from '@saga/errors';

/**
 * Base of the benchmark's own errors. A bench error says what stopped the measurement and what to do
 * about it; none is retriable, since a figure measured around a retry would not mean what it says.
 */
export abstract class BenchError extends PlatformError {
  readonly retriable = false;
}
