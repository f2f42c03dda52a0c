import { PlatformError } from '@saga/errors';

/** A test namespace could not be made, or could not be taken away completely. */
export class TestNamespaceError extends PlatformError {
  readonly retriable = false;

  constructor(
    readonly code:
      'SUITE_NAME_INVALID' | 'NAMESPACE_NOT_CREATED' | 'TOPICS_NOT_LISTED' | 'NAMESPACE_LEFT_BEHIND',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
