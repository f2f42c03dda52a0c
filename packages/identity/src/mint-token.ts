import { SignJWT } from 'jose';
import { rolesClaim } from './jwt-settings.ts';
import type { Role } from './role.ts';

export interface TokenRequest {
  /** The HS256 secret the services verify with (AUTH_JWT_SECRET). */
  readonly secret: string;
  /** The caller; for a customer, their customer id. */
  readonly subject: string;
  readonly roles: readonly Role[];
  /** How long the token is valid. */
  readonly ttlSeconds: number;
  /** Left out of the token when undefined (the configured AUTH_JWT_ISSUER / AUTH_JWT_AUDIENCE, as they are). */
  readonly issuer?: string | undefined;
  readonly audience?: string | undefined;
  readonly now?: Date;
}

/**
 * An HS256 JWT the services accept: `sub`, `roles`, `iat`, `exp`, and `iss`/`aud` when given. For the
 * local stack (`npm run token`) and tests; in production an identity provider issues tokens instead.
 */
export async function mintToken(request: TokenRequest): Promise<string> {
  const issuedAt = Math.floor((request.now ?? new Date()).getTime() / 1000);
  let jwt = new SignJWT({ [rolesClaim]: [...request.roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + request.ttlSeconds);
  if (request.issuer !== undefined) jwt = jwt.setIssuer(request.issuer);
  if (request.audience !== undefined) jwt = jwt.setAudience(request.audience);
  return jwt.sign(new TextEncoder().encode(request.secret));
}
