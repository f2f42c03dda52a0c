import { PlatformError } from '@saga/errors';
import { idText } from './id-text.ts';
/**
 * A write to a service's store that did not go through the document's single writer. A programming
 * error, never retried: on FerretDB such a write can silently undo a concurrent one.
 */
export class UnserializedWriteError extends PlatformError {
  readonly code = 'WRITE_NOT_SERIALIZED';
  readonly retriable = false;
  constructor(
    readonly collection: string,
    readonly operation: string,
    readonly documentId: unknown,
    problem: string,
  ) {
    super(
      `${operation} on ${collection} ${documentId === undefined ? '' : `${idText(documentId)} `}${problem}; fix: run it inside writer.run(Model, id, ...) (the service context's single writer)`,
    );
  }
}
