import { PlatformError } from '@saga/errors';
import { sagaViewFields } from './saga-view.ts';

/**
 * A binding the manager cannot run: its key's name is no plain field name, or one the saga's view
 * or the list's summary has already (both show the key under its name). Raised once, where the binding is defined.
 */
export class SagaBindingError extends PlatformError {
  readonly code = 'INVALID_KEY_NAME';
  readonly retriable = false;

  constructor(
    /** The name of the saga definition bound. */
    readonly saga: string,
    /** The key name refused. */
    readonly keyName: string,
  ) {
    super(
      `saga "${saga}": the key name "${keyName}" must be a field name (letters, digits, _) and none of ${[...sagaViewFields, 'key', 'keyName', 'outcome'].join(', ')}`,
    );
  }
}
