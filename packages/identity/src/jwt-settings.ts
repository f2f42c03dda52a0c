/** How JWTs are verified. Either key source may be set, or both; issuer and audience only when set. */
export interface JwtSettings {
  /** HS256 shared secret (at least 32 characters). */
  readonly secret?: string;
  /** A JWKS endpoint whose RS256 and ES256 keys sign tokens (an identity provider's). */
  readonly jwksUrl?: string;
  /** When set, the token's `iss` must equal it. */
  readonly issuer?: string;
  /** When set, the token's `aud` must name it. */
  readonly audience?: string;
}

/** The claim holding the caller's roles, an array of role names. */
export const rolesClaim = 'roles';

/** Clock skew tolerated on `exp`, `nbf` and `iat`, between this host and the token's issuer. */
export const clockToleranceSeconds = 30;
