import Router from '@koa/router';
import Koa from 'koa';
import type { Config } from '@saga/config';
import type { Logger } from '@saga/logging';
import type { PlatformMetrics } from '@saga/metrics';
import type { OpenApiDocument } from '../api/openapi-document.ts';
import { mountOpenApiRoute } from '../api/openapi-route.ts';
import { errorMiddleware } from './error-middleware.ts';
import { mountHealthRoutes } from './health-routes.ts';
import { httpMetrics } from './http-metrics.ts';
import { mountMetricsRoute } from './metrics-route.ts';
import type { Readiness } from './readiness.ts';
import { requestLogging } from './request-logging.ts';
import { requestTracing } from './request-tracing.ts';
import { securityHeadersMiddleware } from './security-headers.ts';

export interface HttpAppDeps {
  readonly logger: Logger;
  readonly readiness: Readiness;
  /** The tokens whose bearers see /readyz's details (without: nobody does). */
  readonly auth?: Config['auth'];
  /** The service's metrics: every request is measured, and GET /metrics serves them (metrics-route.ts). */
  readonly metrics?: { readonly registry: PlatformMetrics; readonly public: boolean };
  /** The service's OpenAPI document, served at GET /openapi.json (openapi-route.ts). */
  readonly openapi?: OpenApiDocument;
  /** Adds the service's own routes. */
  readonly routes?: (router: Router) => void;
}

/**
 * The Koa app every service runs: request logging outermost (so it sees the final status), then the
 * request metrics (which see it too; with `metrics`, which also mounts GET /metrics), the security
 * headers (so every answer has them, errors included), then the JSON error mapping, /healthz and
 * /readyz, and the service's routes. A route that takes a body mounts `requireRole` first and
 * `jsonBodyParser` after it, so that no byte of a body is read before its sender is known (a stranger
 * gets a 401, not the work of parsing up to the limit); then it validates parameters, query and body.
 */
export function createHttpApp(deps: HttpAppDeps): Koa {
  const app = new Koa();
  const router = new Router();
  mountHealthRoutes(router, { readiness: deps.readiness, ...(deps.auth ? { auth: deps.auth } : {}) });
  if (deps.metrics) mountMetrics(router, deps, deps.metrics);
  if (deps.openapi) mountOpenApiRoute(router, deps.openapi);
  deps.routes?.(router);
  // Outermost: the request's span is active for everything below, its log line included.
  app.use(requestTracing());
  app.use(requestLogging({ logger: deps.logger }));
  if (deps.metrics) app.use(httpMetrics({ metrics: deps.metrics.registry.http }));
  app.use(securityHeadersMiddleware());
  app.use(errorMiddleware({ logger: deps.logger }));
  app.use(router.routes());
  app.use(router.allowedMethods());
  // Errors that escape the middleware (a broken socket mid-response) still reach the structured log.
  app.on('error', (error: unknown) => {
    deps.logger.warn({ err: error }, 'HTTP error outside a request');
  });
  return app;
}

function mountMetrics(router: Router, deps: HttpAppDeps, metrics: NonNullable<HttpAppDeps['metrics']>) {
  const mounted = mountMetricsRoute(router, {
    metrics: metrics.registry,
    public: metrics.public,
    ...(deps.auth ? { auth: deps.auth } : {}),
  });
  if (!mounted)
    deps.logger.warn(
      'GET /metrics not mounted: no caller can authenticate; set OPS_TOKENS, or METRICS_PUBLIC=true',
    );
}
