import { createHash, timingSafeEqual } from 'node:crypto';
import type { Config } from '@saga/config';
import {
  createJwtVerifier,
  InvalidTokenError,
  KeySourceUnavailableError,
  looksLikeJwt,
  type Principal,
} from '@saga/identity';
import { ServiceUnavailableError, UnauthorizedError } from './http-error.ts';

/** Who sent a request, from its Authorization header. */
export type CallerAuthenticator = (authorization: string) => Promise<Principal>;

const digest = (token: string) => createHash('sha256').update(token).digest();

function matches(candidate: Buffer, known: readonly Buffer[]): boolean {
  // Every digest is compared, so the time taken does not say which one matched.
  let found = false;
  for (const k of known) found = timingSafeEqual(candidate, k) || found;
  return found;
}

const serviceAccount = (role: 'admin' | 'ops'): Principal => ({
  subject: `${role}-token`,
  roles: new Set([role]),
  via: 'service-token',
});

/** One per configuration: the JWKS key set it holds caches the provider's keys between requests. */
const authenticators = new WeakMap<Config['auth'], CallerAuthenticator>();

/** Whether any caller at all can be authenticated with this configuration. */
export function authIsConfigured(auth: Config['auth']): boolean {
  return (
    auth.adminTokens.length > 0 ||
    auth.opsTokens.length > 0 ||
    auth.jwt.secret !== undefined ||
    auth.jwt.jwksUrl !== undefined
  );
}

/**
 * The authenticator for a configuration: `Bearer <token>` where the token is one of the static
 * service-account tokens (compared as fixed-length digests in constant time, so neither content nor
 * length leaks) or a JWT the configured keys verify.
 * @throws UnauthorizedError (401) for a missing, malformed or invalid token, saying why but never
 *   echoing it; ServiceUnavailableError (503) when the identity provider's keys cannot be fetched.
 */
export function callerAuthenticator(auth: Config['auth']): CallerAuthenticator {
  const known = authenticators.get(auth);
  if (known) return known;
  const admin = auth.adminTokens.map(digest);
  const ops = auth.opsTokens.map(digest);
  const verifyJwt = createJwtVerifier(auth.jwt);
  const authenticate: CallerAuthenticator = async (authorization) => {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
    if (!match?.[1]) {
      throw new UnauthorizedError(
        authorization === ''
          ? 'this endpoint needs an Authorization: Bearer <token> header'
          : 'the Authorization header must be "Bearer <token>"',
      );
    }
    const token = match[1];
    const candidate = digest(token);
    if (matches(candidate, admin)) return serviceAccount('admin');
    if (matches(candidate, ops)) return serviceAccount('ops');
    if (!verifyJwt || !looksLikeJwt(token)) throw new UnauthorizedError('the bearer token is not valid');
    try {
      return await verifyJwt(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedError(error.message);
      if (error instanceof KeySourceUnavailableError) {
        throw new ServiceUnavailableError(error.code, `${error.message}; try again shortly`);
      }
      throw error;
    }
  };
  authenticators.set(auth, authenticate);
  return authenticate;
}
