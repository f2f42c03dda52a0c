import type Router from '@koa/router';
import type { Readiness } from './readiness.ts';

/**
 * `GET /healthz`: 200 while the process runs (liveness; it checks nothing else, so a broker outage
 * does not get every replica restarted). `GET /readyz`: 200 when every dependency answers, else 503,
 * with each check's `{ ok, detail }` either way.
 */
export function mountHealthRoutes(router: Router, deps: { readonly readiness: Readiness }): void {
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const report = await deps.readiness.check();
    ctx.status = report.ready ? 200 : 503;
    ctx.set('cache-control', 'no-store');
    ctx.body = { status: report.ready ? 'ready' : 'not ready', checks: report.checks };
  });
}
