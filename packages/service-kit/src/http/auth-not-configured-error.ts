import { PlatformError } from '@saga/errors';

/**
 * Thrown when a route that needs a bearer token is mounted while no token is configured at all: every
 * request would be refused, so the service refuses to start instead, saying which variables to set.
 */
export class AuthNotConfiguredError extends PlatformError {
  readonly code = 'AUTH_NOT_CONFIGURED';
  readonly retriable = false;
  constructor() {
    super(
      'no bearer tokens are configured (API_TOKENS and ADMIN_TOKENS are both empty), so every request ' +
        'to the HTTP API would be refused; fix: set API_TOKENS and/or ADMIN_TOKENS to comma-separated ' +
        'tokens of 16+ characters (e.g. `openssl rand -base64 32`), or start the platform with `npm start`, ' +
        'which generates them into .stack/data/secrets/tokens.env',
    );
  }
}
