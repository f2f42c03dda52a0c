import { PlatformError } from '@saga/errors';

/**
 * A command needs an id that an earlier reply should have recorded in the saga data, and it is not
 * there: the persisted saga is broken. Retrying cannot help; a person has to look at the saga.
 */
export class OrderSagaDataError extends PlatformError {
  readonly code = 'ORDER_SAGA_DATA_MISSING';
  readonly retriable = false;

  constructor(
    readonly sagaId: string,
    readonly field: string,
  ) {
    super(`saga ${sagaId} has no ${field} recorded, but the step it is at needs one`);
  }
}
