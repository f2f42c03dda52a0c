import { PlatformError } from '@saga/errors';

/** No answer came: the connection was refused or reset, or the time was up. Worth sending again. */
export class PlatformUnreachableError extends PlatformError {
  readonly code = 'PLATFORM_UNREACHABLE';
  readonly retriable = true;

  constructor(
    readonly request: string,
    cause: unknown,
  ) {
    super(`${request} got no answer: ${reasonOf(cause)}`, { cause });
  }
}

/** fetch wraps the socket's error ("fetch failed"): the cause says what happened. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
