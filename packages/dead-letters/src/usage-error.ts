import { PlatformError } from '@saga/errors';

/** The command line asks for something the tool does not do; the message says what, the usage how. */
export class UsageError extends PlatformError {
  readonly code = 'USAGE';
  readonly retriable = false;
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}
