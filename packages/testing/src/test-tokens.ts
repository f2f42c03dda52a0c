/**
 * Bearer tokens for the services a suite starts: a namespace's `env` grants them (API_TOKENS,
 * ADMIN_TOKENS), and HTTP helpers send the api one for reads, the admin one for writes.
 */
export const testTokens = {
  api: 'saga-test-api-token-0123456789',
  admin: 'saga-test-admin-token-0123456789',
} as const;

/** The Authorization header for a token. */
export const bearer = (token: string): { authorization: string } => ({ authorization: `Bearer ${token}` });
