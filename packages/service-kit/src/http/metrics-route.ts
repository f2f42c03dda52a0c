import type Router from '@koa/router';
import type Koa from 'koa';
import type { Config } from '@saga/config';
import type { PlatformMetrics } from '@saga/metrics';
import { authIsConfigured } from './caller-authenticator.ts';
import { requireRole } from './require-role.ts';

export interface MetricsRouteDeps {
  readonly metrics: Pick<PlatformMetrics, 'text' | 'contentType'>;
  readonly auth?: Config['auth'];
  /** METRICS_PUBLIC: anyone may scrape (a scraper inside a private network that holds no token). */
  readonly public: boolean;
}

/**
 * `GET /metrics`: the service's metrics in Prometheus text format, for an ops or admin caller (their
 * labels name topics, routes and saga steps, which map the platform for an attacker), or for anyone
 * when METRICS_PUBLIC is true.
 * @returns whether it was mounted: without METRICS_PUBLIC and without any way to authenticate a
 *   caller nobody could scrape it, so it is not mounted at all (as the dead-letter routes are not).
 */
export function mountMetricsRoute(router: Router, deps: MetricsRouteDeps): boolean {
  const answer: Koa.Middleware = async (ctx) => {
    const text = await deps.metrics.text();
    ctx.set('content-type', deps.metrics.contentType);
    ctx.set('cache-control', 'no-store');
    ctx.body = text;
  };
  if (deps.public) {
    router.get('/metrics', answer);
    return true;
  }
  if (!deps.auth || !authIsConfigured(deps.auth)) return false;
  router.get('/metrics', requireRole(deps.auth, 'admin', 'ops'), answer);
  return true;
}
