import type Router from '@koa/router';
import type { Config } from '@saga/config';
import type { Readiness } from './readiness.ts';
import { principalOfRequest } from './require-role.ts';

/**
 * `GET /healthz`: 200 while the process runs (liveness; it checks nothing else, so a broker outage
 * does not get every replica restarted). `GET /readyz`: 200 when every dependency answers, else 503.
 * Anyone learns ready or not ready; each check's `{ ok, detail }` (broker addresses, the database's
 * name, the errors) only staff (an admin or ops caller): they map the platform for an attacker, a
 * customer has no use for them, and a load balancer needs the status code only.
 */
export function mountHealthRoutes(
  router: Router,
  deps: { readonly readiness: Readiness; readonly auth?: Config['auth'] },
): void {
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const report = await deps.readiness.check();
    ctx.status = report.ready ? 200 : 503;
    ctx.set('cache-control', 'no-store');
    const status = report.ready ? 'ready' : 'not ready';
    const caller = deps.auth && (await principalOfRequest(deps.auth, ctx.get('authorization')));
    const staff = caller !== undefined && (caller.roles.has('admin') || caller.roles.has('ops'));
    ctx.body = staff ? { status, checks: report.checks } : { status };
  });
}
