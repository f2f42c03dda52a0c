import { PlatformError } from '@saga/errors';

/** A /metrics answer that is not the Prometheus text format: which line, and what is wrong with it. */
export class MetricsParseError extends PlatformError {
  readonly code = 'METRICS_UNPARSABLE';
  readonly retriable = false;

  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`metrics line ${line}: ${reason}`);
  }
}
