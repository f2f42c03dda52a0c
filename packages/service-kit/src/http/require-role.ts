import { createHash, timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import type { Config } from '@saga/config';
import { AuthNotConfiguredError } from './auth-not-configured-error.ts';
import { ForbiddenError, UnauthorizedError } from './http-error.ts';

/** `api` may use the order API; `admin` may also change stock and accounts, retry sagas and replay dead letters. */
export type Role = 'api' | 'admin';

/** Digests of the configured tokens: comparing fixed-length digests in constant time leaks neither content nor length. */
interface TokenDigests {
  readonly api: readonly Buffer[];
  readonly admin: readonly Buffer[];
}

const digest = (token: string) => createHash('sha256').update(token).digest();

function tokenDigests(auth: Config['auth']): TokenDigests {
  return { api: auth.apiTokens.map(digest), admin: auth.adminTokens.map(digest) };
}

function matches(candidate: Buffer, known: readonly Buffer[]): boolean {
  // Every digest is compared, so the time taken does not say which one matched.
  let found = false;
  for (const k of known) found = timingSafeEqual(candidate, k) || found;
  return found;
}

/** The role a bearer token grants, if any; an admin token grants the api role too. */
function grantedRole(digests: TokenDigests, token: string): Role | undefined {
  const candidate = digest(token);
  if (matches(candidate, digests.admin)) return 'admin';
  if (matches(candidate, digests.api)) return 'api';
  return undefined;
}

/**
 * The role the request's bearer token grants, if it carries a known one; never throws. For a route
 * that answers everyone but tells more to a known caller (/readyz).
 */
export function roleOfRequest(auth: Config['auth'], authorization: string): Role | undefined {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) return undefined;
  return grantedRole(tokenDigests(auth), match[1]);
}

/**
 * Koa middleware: the request needs `Authorization: Bearer <token>` whose role covers `role`.
 * No or unknown token: 401 with a `WWW-Authenticate` challenge. Known token, wrong role: 403.
 * The token itself is never logged or echoed.
 * @throws AuthNotConfiguredError when no token is configured at all: mounting such a route would lock
 *   everyone out, so the service stops at start-up with the fix instead.
 */
export function requireRole(auth: Config['auth'], role: Role): Koa.Middleware {
  if (auth.apiTokens.length === 0 && auth.adminTokens.length === 0) throw new AuthNotConfiguredError();
  const digests = tokenDigests(auth);
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) {
      ctx.set('WWW-Authenticate', 'Bearer realm="saga"');
      throw new UnauthorizedError(
        header === ''
          ? 'this endpoint needs an Authorization: Bearer <token> header'
          : 'the Authorization header must be "Bearer <token>"',
      );
    }
    const granted = grantedRole(digests, match[1]);
    if (!granted) {
      ctx.set('WWW-Authenticate', 'Bearer realm="saga", error="invalid_token"');
      throw new UnauthorizedError('the bearer token is not valid');
    }
    if (role === 'admin' && granted !== 'admin') {
      throw new ForbiddenError('this endpoint needs an admin token (one from ADMIN_TOKENS)');
    }
    (ctx.state as { role?: Role }).role = granted;
    await next();
  };
}
