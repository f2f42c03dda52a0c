import type Koa from 'koa';
import type { HttpMetrics } from '@saga/metrics';

/** The route label of a request no route matched: one value, so unknown paths cannot grow the label set. */
export const unmatchedRoute = 'unmatched';

/**
 * Koa middleware: each request's duration into http_request_duration_seconds, labelled by the
 * template of the route that matched (`/orders/:id`, which the router leaves in `ctx._matchedRoute`),
 * never by the raw path, whose ids would make a series per order. Mounted outside the error mapping,
 * so it sees the final status.
 */
export function httpMetrics(deps: { readonly metrics: HttpMetrics }): Koa.Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const matched = (ctx as { _matchedRoute?: unknown })._matchedRoute;
      const route = typeof matched === 'string' ? matched : unmatchedRoute;
      deps.metrics.request(route, ctx.method, ctx.status, (performance.now() - started) / 1000);
    }
  };
}
