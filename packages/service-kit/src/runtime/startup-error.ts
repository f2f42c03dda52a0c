import { PlatformError } from '@saga/errors';

/**
 * The service could not start: a dependency stayed unreachable for the whole retry budget, or the
 * definition is inconsistent. The message is one line: the cause, then `fix:` and what to do.
 */
export class StartupError extends PlatformError {
  readonly code: 'STARTUP_TIMEOUT' | 'DEFINITION_INVALID';
  readonly retriable = false;
  constructor(
    code: StartupError['code'],
    readonly service: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${service}: ${message}`, options);
    this.code = code;
  }
}
