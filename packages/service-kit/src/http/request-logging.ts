import { randomUUID } from 'node:crypto';
import type Koa from 'koa';
import type { Logger } from '@saga/logging';

/** Probes and scrapers poll these every few seconds: logged at debug so they do not drown the requests that matter. */
const quietPaths = new Set(['/healthz', '/readyz', '/metrics']);

/** A caller's request id is kept only if it is plainly an id, so it cannot forge log lines. */
const REQUEST_ID = /^[\w.-]{1,128}$/;

/**
 * One structured log line per request: id, method, path, status and duration. It logs the path without
 * the query string, and no headers or bodies, so tokens and personal data stay out of the log.
 * The request id (the caller's `x-request-id`, or a new one) is echoed back and kept in `ctx.state.requestId`.
 */
export function requestLogging(deps: { readonly logger: Logger }): Koa.Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    const incoming = ctx.get('x-request-id');
    const requestId = REQUEST_ID.test(incoming) ? incoming : randomUUID();
    (ctx.state as { requestId?: string }).requestId = requestId;
    ctx.set('x-request-id', requestId);
    try {
      await next();
    } finally {
      const line = {
        requestId,
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      };
      if (ctx.status >= 500) deps.logger.error(line, 'request');
      else if (quietPaths.has(ctx.path)) deps.logger.debug(line, 'request');
      else deps.logger.info(line, 'request');
    }
  };
}
