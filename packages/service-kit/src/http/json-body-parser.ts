import { bodyParser } from '@koa/bodyparser';
import type Koa from 'koa';
import {
  HttpError,
  MalformedJsonError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from './http-error.ts';

export interface JsonBodyParserOptions {
  /** Largest accepted body, in the `bytes` notation (`1mb`, `100kb`); larger ones get a 413. */
  readonly limit?: string;
}

const methodsWithBody = ['POST', 'PUT', 'PATCH'];

/**
 * Parses JSON request bodies into `ctx.request.body`, strictly: only an object or an array is accepted,
 * `__proto__` keys are refused, and a body with another content type gets a 415 rather than being ignored.
 * Errors are HttpErrors (400 MALFORMED_JSON, 413, 415), so clients get the platform's JSON error shape.
 * Built on @koa/bodyparser (maintained by the Koa team, Koa 3 ready, co-body and raw-body underneath).
 */
export function jsonBodyParser(options: JsonBodyParserOptions = {}): Koa.Middleware {
  const limit = options.limit ?? '1mb';
  const parse = bodyParser({
    enableTypes: ['json'],
    jsonStrict: true,
    jsonLimit: limit,
    parsedMethods: methodsWithBody,
    onError: (error) => {
      throw toHttpError(error, limit);
    },
  });
  return async (ctx, next) => {
    // `is` answers null without a body, false with one of another type; `content-length: 0` counts as none.
    if (
      methodsWithBody.includes(ctx.method) &&
      ctx.request.is('json', '+json') === false &&
      ctx.request.length !== 0
    ) {
      throw new UnsupportedMediaTypeError(ctx.get('content-type'));
    }
    await parse(ctx, next);
  };
}

function toHttpError(error: Error, limit: string): Error {
  const e = error as Error & { status?: number; type?: string };
  if (e.status === 413 || e.type === 'entity.too.large') return new PayloadTooLargeError(limit);
  if (error instanceof SyntaxError) return new MalformedJsonError(error.message);
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return new HttpError(e.status, 'BAD_REQUEST', error.message);
  }
  return error;
}
