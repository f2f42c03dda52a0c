import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { InvalidTokenError } from './invalid-token-error.ts';
import { clockToleranceSeconds, rolesClaim, type JwtSettings } from './jwt-settings.ts';
import { KeySourceUnavailableError } from './key-source-unavailable-error.ts';
import type { Principal } from './principal.ts';
import { isRole, type Role } from './role.ts';

/** Verifies a JWT and says who it names. */
export type JwtVerifier = (token: string) => Promise<Principal>;

/** A JWT has three base64url parts; a static token is anything else. Only a shape test, no proof. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

/**
 * A verifier for the configured key sources, or undefined when none is configured. Only the
 * algorithms of a configured source are accepted (HS256 for the secret; RS256 and ES256 for the JWKS),
 * so `alg: none`, and a JWKS public key misused as an HMAC secret, are refused before any key is used.
 * Tokens must carry `sub` and `exp`, and a `roles` array naming at least one known role.
 */
export function createJwtVerifier(settings: JwtSettings): JwtVerifier | undefined {
  const { secret, jwksUrl, issuer, audience } = settings;
  if (secret === undefined && jwksUrl === undefined) return undefined;
  const secretKey = secret === undefined ? undefined : new TextEncoder().encode(secret);
  const jwks = jwksUrl === undefined ? undefined : createRemoteJWKSet(new URL(jwksUrl));
  const algorithms = [...(secretKey ? ['HS256'] : []), ...(jwks ? ['RS256', 'ES256'] : [])];
  const key: JWTVerifyGetKey = async (header, token) => {
    if (header.alg === 'HS256' && secretKey) return secretKey;
    if (!jwks || !jwksUrl) throw new InvalidTokenError(`the algorithm ${String(header.alg)} is not accepted`);
    try {
      return await jwks(header, token);
    } catch (error) {
      throw unlessUnavailable(error, jwksUrl);
    }
  };
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms,
        requiredClaims: ['sub', 'exp'],
        clockTolerance: clockToleranceSeconds,
        ...(issuer === undefined ? {} : { issuer }),
        ...(audience === undefined ? {} : { audience }),
      }));
    } catch (error) {
      if (error instanceof InvalidTokenError || error instanceof KeySourceUnavailableError) throw error;
      throw new InvalidTokenError(reasonOf(error), { cause: error });
    }
    return principalOf(payload);
  };
}

function principalOf(payload: JWTPayload): Principal {
  const subject = payload.sub;
  if (typeof subject !== 'string' || subject === '') throw new InvalidTokenError('its sub claim is empty');
  const claimed: unknown = payload[rolesClaim];
  if (!Array.isArray(claimed))
    throw new InvalidTokenError(`its ${rolesClaim} claim is not an array of roles`);
  // Roles this platform does not know are another system's business: ignored, not an error.
  const known = claimed.filter((r): r is Role => isRole(r));
  if (known.length === 0)
    throw new InvalidTokenError(`its ${rolesClaim} claim grants none of customer, ops, admin`);
  return { subject, roles: new Set(known), via: 'jwt' };
}

/** What was wrong with the token, for the 401's description: never the token itself. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'it has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'it is meant for another audience';
    if (error.claim === 'iss') return 'it comes from another issuer';
    if (error.claim === 'nbf') return 'it is not valid yet';
    return `its ${error.claim} claim is invalid (${error.reason})`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'its algorithm is not accepted';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'its signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no known key signed it';
  if (error instanceof errors.JOSEError) return 'it is malformed';
  return 'it could not be verified';
}

/** A JWKS fetch that failed is the key source's outage; anything else (no matching key) is the token's fault. */
function unlessUnavailable(error: unknown, jwksUrl: string): unknown {
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
    return error;
  return new KeySourceUnavailableError(jwksUrl, { cause: error });
}
