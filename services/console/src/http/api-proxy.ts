import type Router from '@koa/router';
import type Koa from 'koa';
import type { Config } from '@saga/config';
import type { Logger } from '@saga/logging';
import { NotFoundError, PayloadTooLargeError } from '@saga/service-kit';
import { isPlatformService, type ServiceUrls } from '../service-urls.ts';
import { operatorOnly } from './operator-only.ts';
import { isProxied } from './proxied-routes.ts';
import { UpstreamUnavailableError } from './upstream-unavailable-error.ts';

export interface ApiProxyDeps {
  readonly auth: Config['auth'];
  readonly urls: ServiceUrls;
  readonly logger: Logger;
  /** How long a service may take to answer (default 15 s: a dead-letter listing reads Kafka). */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** Larger than any body the console sends (a compensation reason, a replay request). */
const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * `/api/<service>/<path>` (GET, POST): the request forwarded to that platform service's `<path>` with
 * its query, body and the caller's own bearer token, and the service's answer (status and JSON body)
 * passed back as it is. The console checks the token first (admin or ops, see operator-only.ts) so a
 * stranger or a customer is refused here, before any body is read; what the operator may then do is
 * still each service's decision (a retry needs admin there, not here). Only the routes in
 * proxied-routes.ts are forwarded (404 for others); a service that does not answer is a 502 naming it.
 */
export function mountApiProxy(router: Router, deps: ApiProxyDeps): void {
  const fetchUpstream = deps.fetch ?? fetch;
  const timeoutMs = deps.timeoutMs ?? 15_000;
  const operator = operatorOnly(deps.auth);
  const forward: Koa.Middleware = async (ctx) => {
    const service = (ctx.params as Partial<Record<string, string>>).service ?? '';
    const path = ctx.path.slice(`/api/${service}`.length);
    if (!isPlatformService(service) || !isProxied(service, path)) {
      throw new NotFoundError(`the console does not forward ${ctx.method} ${ctx.path}`);
    }
    const body = ctx.method === 'POST' ? await readBody(ctx.req) : undefined;
    const url = `${deps.urls[service]}${path}${ctx.querystring === '' ? '' : `?${ctx.querystring}`}`;
    let response: Response;
    try {
      response = await fetchUpstream(url, {
        method: ctx.method,
        headers: {
          authorization: ctx.get('authorization'),
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': ctx.get('content-type') || 'application/json' }),
        },
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason = causeOf(error);
      deps.logger.warn({ service, path, reason }, 'a platform service did not answer the console');
      throw new UpstreamUnavailableError(service, reason);
    }
    const text = await response.text();
    ctx.status = response.status;
    ctx.type = response.headers.get('content-type') ?? 'application/json';
    ctx.body = text;
    const challenge = response.headers.get('www-authenticate');
    if (challenge !== null) ctx.set('WWW-Authenticate', challenge);
  };
  router.get('/api/:service/{*path}', operator, forward);
  router.post('/api/:service/{*path}', operator, forward);
}

async function readBody(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > BODY_LIMIT_BYTES) throw new PayloadTooLargeError(`${BODY_LIMIT_BYTES / 1024} kB`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** fetch's own message is "fetch failed"; the reason (ECONNREFUSED, a timeout) is in its cause. */
function causeOf(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'it took too long';
    const cause = error.cause;
    if (cause instanceof Error) return cause.message;
    return error.message;
  }
  return String(error);
}
