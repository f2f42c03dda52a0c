import { PlatformError } from '@saga/errors';

/**
 * A bearer token that proves nothing: malformed, badly signed, expired, for another issuer or audience,
 * or granting no role. `reason` says which, and never repeats the token.
 */
export class InvalidTokenError extends PlatformError {
  readonly code = 'INVALID_TOKEN';
  readonly retriable = false;

  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the bearer token is not valid: ${reason}`, options);
  }
}
