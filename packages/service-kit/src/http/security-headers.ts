import type Koa from 'koa';

/**
 * The headers every answer carries. The services speak JSON to programs, never HTML to browsers, so
 * the policy is the strictest there is: nothing may load, frame or sniff an answer, nothing is cached
 * (answers hold orders, balances and stock), and no referrer leaves. Strict-Transport-Security is not
 * set: the services listen on plain HTTP and browsers ignore it there; the TLS terminator in front of
 * them is the one to send it.
 */
export const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/**
 * Koa middleware: sets `securityHeaders` before anything else runs, so error answers (401, 404, 413,
 * 500...) carry them too. Koa sends no X-Powered-By; it is removed anyway in case a middleware adds one.
 */
export function securityHeadersMiddleware(): Koa.Middleware {
  return async (ctx, next) => {
    ctx.set(securityHeaders);
    try {
      await next();
    } finally {
      ctx.remove('X-Powered-By');
    }
  };
}
