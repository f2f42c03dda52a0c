import Router from '@koa/router';
import Koa from 'koa';
import type { Config } from '@saga/config';
import type { Logger } from '@saga/logging';
import { errorMiddleware } from './error-middleware.ts';
import { mountHealthRoutes } from './health-routes.ts';
import type { Readiness } from './readiness.ts';
import { requestLogging } from './request-logging.ts';
import { requestTracing } from './request-tracing.ts';
import { securityHeadersMiddleware } from './security-headers.ts';

export interface HttpAppDeps {
  readonly logger: Logger;
  readonly readiness: Readiness;
  /** The tokens whose bearers see /readyz's details (without: nobody does). */
  readonly auth?: Config['auth'];
  /** Adds the service's own routes. */
  readonly routes?: (router: Router) => void;
}

/**
 * The Koa app every service runs: request logging outermost (so it sees the final status), the security
 * headers (so every answer has them, errors included), then the JSON error mapping, /healthz and
 * /readyz, and the service's routes. A route that takes a body mounts `requireRole` first and
 * `jsonBodyParser` after it, so that no byte of a body is read before its sender is known (a stranger
 * gets a 401, not the work of parsing up to the limit); then it validates parameters, query and body.
 */
export function createHttpApp(deps: HttpAppDeps): Koa {
  const app = new Koa();
  const router = new Router();
  mountHealthRoutes(router, { readiness: deps.readiness, ...(deps.auth ? { auth: deps.auth } : {}) });
  deps.routes?.(router);
  // Outermost: the request's span is active for everything below, its log line included.
  app.use(requestTracing());
  app.use(requestLogging({ logger: deps.logger }));
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
