import type Koa from 'koa';
import type { Config } from '@saga/config';
import type { Principal, Role } from '@saga/identity';
import { AuthNotConfiguredError } from './auth-not-configured-error.ts';
import { authIsConfigured, callerAuthenticator } from './caller-authenticator.ts';
import { ForbiddenError, UnauthorizedError } from './http-error.ts';

/**
 * Koa middleware: the request's bearer token must name a caller holding one of `allowed`; the caller
 * is then `principalOf(ctx)`. No or an invalid token: 401 with a `WWW-Authenticate` challenge, before
 * the route reads anything (its body included). A valid token without the role: 403. The token
 * itself is never logged or echoed. What a customer may see or do for whom is the route's own check
 * (caller-access.ts): a role opens the door, not every room.
 * @throws AuthNotConfiguredError when no caller can be authenticated at all: mounting such a route
 *   would lock everyone out, so the service stops at start-up with the fix instead.
 */
export function requireRole(auth: Config['auth'], ...allowed: [Role, ...Role[]]): Koa.Middleware {
  if (!authIsConfigured(auth)) throw new AuthNotConfiguredError();
  const authenticate = callerAuthenticator(auth);
  return async (ctx, next) => {
    let principal: Principal;
    try {
      principal = await authenticate(ctx.get('authorization'));
    } catch (error) {
      if (error instanceof UnauthorizedError) {
        const header = ctx.get('authorization');
        ctx.set(
          'WWW-Authenticate',
          header === '' ? 'Bearer realm="saga"' : 'Bearer realm="saga", error="invalid_token"',
        );
      }
      throw error;
    }
    if (!allowed.some((role) => principal.roles.has(role))) {
      throw new ForbiddenError(`this endpoint needs the ${allowed.join(' or ')} role`);
    }
    (ctx.state as { principal?: Principal }).principal = principal;
    await next();
  };
}

/**
 * The caller `requireRole` let in, or undefined if none did. For a route that answers everyone but
 * tells more to staff (/readyz), `principalOfRequest` authenticates without refusing.
 */
export function principalOf(ctx: Koa.Context): Principal {
  const principal = (ctx.state as { principal?: Principal }).principal;
  if (!principal) throw new Error('principalOf: the route has no requireRole in front of it');
  return principal;
}

/** The caller of a request if its token is valid, else undefined; never throws. */
export async function principalOfRequest(
  auth: Config['auth'],
  authorization: string,
): Promise<Principal | undefined> {
  if (!authIsConfigured(auth)) return undefined;
  try {
    return await callerAuthenticator(auth)(authorization);
  } catch {
    return undefined;
  }
}
