import { PlatformError } from '@saga/errors';

/**
 * A command needs a value that an earlier reply should have recorded in the return saga's data, and
 * it is not there: the persisted saga is broken. Retrying cannot help; a person has to look.
 */
export class ReturnSagaDataError extends PlatformError {
  readonly code = 'RETURN_SAGA_DATA_MISSING';
  readonly retriable = false;

  constructor(
    readonly sagaId: string,
    readonly field: string,
  ) {
    super(`return saga ${sagaId} has no ${field} recorded, but the step it is at needs one`);
  }
}
