import { PlatformError } from '@saga/errors';

/**
 * A failure of the local stack that a person must act on. The message says what went wrong,
 * `fix` says what to do about it; the CLI prints both on one line and exits non-zero. Not retriable:
 * a person acts first; where the stack waits or retries itself (downloads, readiness probes), it raises
 * one only once those are spent.
 */
export class StackError extends PlatformError {
  readonly retriable = false;

  constructor(
    readonly code: StackErrorCode,
    message: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type StackErrorCode =
  | 'PREREQUISITE_MISSING'
  | 'PORT_IN_USE'
  | 'DOWNLOAD_FAILED'
  | 'CHECKSUM_MISMATCH'
  | 'BUILD_FAILED'
  | 'START_FAILED'
  | 'DATA_INCOMPATIBLE'
  | 'NOT_READY'
  | 'PROCESS_EXITED'
  | 'BOOTSTRAP_FAILED'
  | 'TOKENS_INVALID'
  | 'TOKENS_MISSING'
  | 'USAGE';
