import type Router from '@koa/router';
import type { Config } from '@saga/config';
import { principalOf } from '@saga/service-kit';
import { operatorOnly } from './operator-only.ts';

/**
 * `GET /api/session`: who the bearer token names, for the login page: 200 `{ subject, roles }` for an
 * admin or ops token; 401 for none or an invalid one; 403 NOT_AN_OPERATOR for a customer's.
 */
export function mountSessionRoute(router: Router, deps: { readonly auth: Config['auth'] }): void {
  router.get('/api/session', operatorOnly(deps.auth), (ctx) => {
    const principal = principalOf(ctx);
    ctx.body = { subject: principal.subject, roles: [...principal.roles].sort() };
  });
}
