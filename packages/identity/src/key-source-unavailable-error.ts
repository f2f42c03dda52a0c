import { PlatformError } from '@saga/errors';

/**
 * The JWKS endpoint did not answer (or answered garbage), so no token signed by it can be checked now.
 * Not the caller's fault: the request may pass when sent again.
 */
export class KeySourceUnavailableError extends PlatformError {
  readonly code = 'KEY_SOURCE_UNAVAILABLE';
  readonly retriable = true;

  constructor(
    readonly jwksUrl: string,
    options?: { cause?: unknown },
  ) {
    super(`the signing keys at ${jwksUrl} could not be fetched`, options);
  }
}
