import { bodyParser } from '@koa/bodyparser';
import type Koa from 'koa';
import {
  HttpError,
  MalformedJsonError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from './http-error.ts';
import { jsonKeyProblem } from './json-key-problem.ts';

export interface JsonBodyParserOptions {
  /** Largest accepted body, in the `bytes` notation (`1mb`, `100kb`); larger ones get a 413. */
  readonly limit?: string;
}

const methodsWithBody = ['POST', 'PUT', 'PATCH'];

/**
 * Parses JSON request bodies into `ctx.request.body`, strictly: only an object or an array is accepted,
 * `__proto__` and `constructor` keys and keys repeated in one object are refused (see jsonKeyProblem), and
 * a body with another content type gets a 415 rather than being ignored. The limit counts the bytes
 * actually received (after any Content-Encoding is undone), so a chunked body without Content-Length, or
 * a small gzip that inflates, is cut off at the limit too.
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
    await parse(ctx, async () => {
      const raw = (ctx.request as { rawBody?: unknown }).rawBody;
      const problem = typeof raw === 'string' && raw !== '' ? jsonKeyProblem(raw) : undefined;
      if (problem !== undefined)
        throw new HttpError(400, 'MALFORMED_JSON', `request body is refused: ${problem}`);
      await next();
    });
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
