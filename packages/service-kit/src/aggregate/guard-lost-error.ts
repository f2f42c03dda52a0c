import { PlatformError } from '@saga/errors';

/**
 * A decision's guarded write matched nothing, every time it was made again: another process keeps
 * writing the document between the read and the write (within a process the single writer rules
 * that out). Retriable: the consumer delivers the message again later.
 */
export class GuardLostError extends PlatformError {
  readonly code = 'GUARD_LOST';
  readonly retriable = true;
  constructor(
    readonly collection: string,
    readonly documentId: string,
    readonly attempts: number,
  ) {
    super(
      `${collection} ${documentId} changed under ${attempts} decisions in a row; it is tried again later`,
    );
  }
}
