export { InvalidTokenError } from './invalid-token-error.ts';
export { createJwtVerifier, looksLikeJwt, type JwtVerifier } from './jwt-verifier.ts';
export { clockToleranceSeconds, rolesClaim, type JwtSettings } from './jwt-settings.ts';
export { KeySourceUnavailableError } from './key-source-unavailable-error.ts';
export { mintToken, type TokenRequest } from './mint-token.ts';
export { hasRole, type Principal } from './principal.ts';
export { isRole, roles, type Role } from './role.ts';
