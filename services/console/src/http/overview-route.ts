import type Router from '@koa/router';
import type { Config } from '@saga/config';
import type { MetricWindow } from '../metrics/metric-window.ts';
import { computeOverview } from '../metrics/overview.ts';
import { operatorOnly } from './operator-only.ts';

/**
 * `GET /api/overview` (admin or ops): saga throughput, p50/p99 latency and outcomes over the last
 * minutes, and each service's consumer lag, outbox and dead letters, from the scraped metrics (see
 * metrics/overview.ts for the shape).
 */
export function mountOverviewRoute(
  router: Router,
  deps: { readonly auth: Config['auth']; readonly window: MetricWindow; readonly stepMs: number },
): void {
  router.get('/api/overview', operatorOnly(deps.auth), (ctx) => {
    ctx.body = computeOverview(deps.window, { stepMs: deps.stepMs });
  });
}
