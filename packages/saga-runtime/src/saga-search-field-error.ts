import { PlatformError } from '@saga/errors';

/**
 * A binding whose searchable data fields the saga list cannot offer: a name that is no plain field
 * name, or one the list has already (a summary field, its key's name, a query parameter). Raised once,
 * where the binding is defined.
 */
export class SagaSearchFieldError extends PlatformError {
  readonly code = 'INVALID_SEARCH_FIELD';
  readonly retriable = false;

  constructor(
    /** The name of the saga definition bound. */
    readonly saga: string,
    /** The field refused. */
    readonly field: string,
    taken: readonly string[],
  ) {
    super(
      `saga "${saga}": the searchable field "${field}" must be a field name (letters, digits, _), given once, and none of ${taken.join(', ')}`,
    );
  }
}
