import { mintToken, type Role } from '@saga/identity';

/**
 * The static service-account tokens a namespace's `env` grants (OPS_TOKENS, ADMIN_TOKENS): HTTP helpers
 * send the ops one for reads, the admin one for writes and for orders placed for any customer.
 */
export const testTokens = {
  ops: 'saga-test-ops-token-0123456789',
  admin: 'saga-test-admin-token-0123456789',
} as const;

/** How a namespace's services verify JWTs (AUTH_JWT_SECRET, AUTH_JWT_ISSUER, AUTH_JWT_AUDIENCE). */
export const testJwt = {
  secret: 'saga-test-jwt-secret-0123456789-abcdefghij',
  issuer: 'saga-test',
  audience: 'saga-api',
} as const;

/**
 * A JWT the namespace's services accept for `subject` (by default a customer acting for themselves);
 * `over` makes the bad ones the auth tests need (another secret, audience or issuer, an old `now`).
 */
export function customerToken(
  subject: string,
  over: {
    roles?: readonly Role[];
    secret?: string;
    audience?: string;
    issuer?: string;
    now?: Date;
    ttlSeconds?: number;
  } = {},
): Promise<string> {
  return mintToken({
    secret: over.secret ?? testJwt.secret,
    subject,
    roles: over.roles ?? ['customer'],
    ttlSeconds: over.ttlSeconds ?? 600,
    issuer: over.issuer ?? testJwt.issuer,
    audience: over.audience ?? testJwt.audience,
    ...(over.now ? { now: over.now } : {}),
  });
}

/** The Authorization header for a token. */
export const bearer = (token: string): { authorization: string } => ({ authorization: `Bearer ${token}` });
