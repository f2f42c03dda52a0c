import type Koa from 'koa';
import { isOutage } from '@saga/events';
import type { Logger } from '@saga/logging';
import { GuardLostError } from '../aggregate/guard-lost-error.ts';
import { ConflictError, HttpError } from './http-error.ts';

/** The JSON body of every error answer. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details?: unknown };
}

/**
 * Turns whatever a route throws into a JSON answer: an HttpError into its status and
 * `{ error: { code, message, details } }` (the aggregate runtime's GuardLostError into a 409), a client error raised by Koa or a middleware (405, 413...)
 * into the same shape, and anything else into a bare 500 that leaks nothing; the full error goes to the log.
 * It also gives JSON bodies to empty error answers, such as Koa's 404 for a path no route matched.
 */
export function errorMiddleware(deps: { readonly logger: Logger }): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status >= 400 && ctx.body == null) {
        const status = ctx.status;
        const message =
          status === 404 ? `no route for ${ctx.method} ${ctx.path}` : ctx.message || `status ${status}`;
        respond(ctx, status, { error: { code: codeOf(status), message } });
      }
    } catch (thrown) {
      // A write whose guard kept losing to another process wrote nothing: the caller may try again.
      const error =
        thrown instanceof GuardLostError
          ? new ConflictError(
              `the ${thrown.collection} document ${thrown.documentId} kept changing; try again`,
              {
                collection: thrown.collection,
                id: thrown.documentId,
              },
            )
          : thrown;
      if (error instanceof HttpError) {
        respond(ctx, error.status, {
          error: {
            code: error.code,
            message: error.message,
            ...(error.details === undefined ? {} : { details: error.details }),
          },
        });
        return;
      }
      const clientError = asExposedClientError(error);
      if (clientError) {
        for (const [name, value] of Object.entries(clientError.headers ?? {})) ctx.set(name, value);
        respond(ctx, clientError.status, {
          error: { code: codeOf(clientError.status), message: clientError.message },
        });
        return;
      }
      const requestId = (ctx.state as { requestId?: string }).requestId;
      if (isOutage(error)) {
        // The store (or broker, or registry) is away: the request may be retried once it is back. A 503
        // says so; a 500 reads as a bug. POST /orders with an Idempotency-Key can be retried safely.
        deps.logger.warn(
          { err: error, requestId, method: ctx.method, path: ctx.path },
          'request failed: a dependency is unavailable',
        );
        ctx.set('Retry-After', '5');
        respond(ctx, 503, {
          error: {
            code: 'SERVICE_UNAVAILABLE',
            message:
              'the store, the broker or the schema registry is unavailable right now; try again shortly',
          },
        });
        return;
      }
      deps.logger.error({ err: error, requestId, method: ctx.method, path: ctx.path }, 'request failed');
      respond(ctx, 500, {
        error: {
          code: 'INTERNAL_ERROR',
          message: requestId
            ? `internal error; the service log has it under request ${requestId}`
            : 'internal error',
        },
      });
    }
  };
}

function respond(ctx: Koa.Context, status: number, body: ErrorBody) {
  ctx.status = status;
  ctx.body = body;
}

/** Errors made by http-errors (Koa's ctx.throw, the router's 405, the body parser) that are safe to show. */
function asExposedClientError(
  error: unknown,
): { status: number; message: string; headers?: Record<string, string> } | undefined {
  const e = error as { status?: unknown; expose?: unknown; message?: unknown; headers?: unknown } | undefined;
  if (typeof e?.status !== 'number' || e.status < 400 || e.status >= 500 || e.expose !== true)
    return undefined;
  return {
    status: e.status,
    message: typeof e.message === 'string' ? e.message : `status ${e.status}`,
    ...(typeof e.headers === 'object' && e.headers !== null
      ? { headers: e.headers as Record<string, string> }
      : {}),
  };
}

const codes: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
  501: 'NOT_IMPLEMENTED',
  503: 'SERVICE_UNAVAILABLE',
};

function codeOf(status: number): string {
  return codes[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
}
