import type Router from '@koa/router';
import type { Config } from '@saga/config';
import type { Readiness } from './readiness.ts';
import { roleOfRequest } from './require-role.ts';

/**
 * `GET /healthz`: 200 while the process runs (liveness; it checks nothing else, so a broker outage
 * does not get every replica restarted). `GET /readyz`: 200 when every dependency answers, else 503.
 * Anyone learns ready or not ready; each check's `{ ok, detail }` (broker addresses, the database's
 * name, the errors) only a caller with a known token (of any role): they map the platform for an
 * attacker, and a load balancer needs the status code only.
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
    const known = deps.auth !== undefined && roleOfRequest(deps.auth, ctx.get('authorization')) !== undefined;
    ctx.body = known ? { status, checks: report.checks } : { status };
  });
}
