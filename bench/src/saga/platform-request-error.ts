import { BenchError } from '../bench-error.ts';

/** A service answered a bench request with an error, or not at all. */
export class PlatformRequestError extends BenchError {
  readonly code = 'BENCH_PLATFORM_REQUEST_FAILED';

  constructor(request: string, answer: string, options?: { cause?: unknown }) {
    super(
      `${request} ${answer}: is the platform running (npm start, or npm run bench, which starts it)? Its logs are under .stack/logs`,
      options,
    );
  }
}
