import { PlatformError } from '@saga/errors';

/** The console's port is taken: says which, and how to choose another. */
export class ConsolePortInUseError extends PlatformError {
  readonly code = 'PORT_IN_USE';
  readonly retriable = false;

  constructor(
    readonly port: number,
    options?: { cause?: unknown },
  ) {
    super(`port ${port} is already in use; fix: stop what listens there, or set CONSOLE_PORT`, options);
  }
}
