import { PlatformError } from '@saga/errors';

/**
 * Thrown when a route that needs a caller is mounted while no way to authenticate one is configured:
 * every request would be refused, so the service refuses to start instead, saying which variables to set.
 */
export class AuthNotConfiguredError extends PlatformError {
  readonly code = 'AUTH_NOT_CONFIGURED';
  readonly retriable = false;
  constructor() {
    super(
      'no caller can be authenticated (ADMIN_TOKENS, OPS_TOKENS, AUTH_JWT_SECRET and AUTH_JWKS_URL are all ' +
        'empty), so every request to the HTTP API would be refused; fix: set AUTH_JWT_SECRET (32+ characters, ' +
        'e.g. `openssl rand -base64 32`) or AUTH_JWKS_URL for customers, and ADMIN_TOKENS / OPS_TOKENS ' +
        '(16+ characters each) for service accounts, or start the platform with `npm start`, which ' +
        'generates them into .stack/data/secrets/tokens.env',
    );
  }
}
