import { context, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type Koa from 'koa';
import { spanContextOf } from '@saga/events';

const tracer = trace.getTracer('@saga/service-kit');

/** Probes and scrapes come every few seconds from machines, not for an order: a trace each would drown the rest. */
const untraced = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * One SERVER span per HTTP request, active while the request is handled, so that the request's log
 * lines carry its trace id and the outbox entries it writes are its children. A valid `traceparent`
 * request header continues the caller's trace. Named `METHOD route` (the router's pattern, never the
 * raw path, so names stay few) once the route is known.
 */
export function requestTracing(): Koa.Middleware {
  return async (ctx, next) => {
    if (untraced.has(ctx.path)) {
      await next();
      return;
    }
    const caller = spanContextOf(ctx.get('traceparent'));
    const parent = caller ? trace.setSpanContext(ROOT_CONTEXT, caller) : ROOT_CONTEXT;
    const span = tracer.startSpan(
      ctx.method,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': ctx.method, 'url.path': ctx.path, 'url.scheme': ctx.protocol },
      },
      parent,
    );
    try {
      await context.with(trace.setSpan(parent, span), next);
    } finally {
      const route = (ctx as { _matchedRoute?: unknown })._matchedRoute;
      if (typeof route === 'string') {
        span.setAttribute('http.route', route);
        span.updateName(`${ctx.method} ${route}`);
      }
      span.setAttribute('http.response.status_code', ctx.status);
      if (ctx.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  };
}
