/**
 * The console's pages and assets are for a browser, so they get a policy of their own instead of the
 * JSON APIs' `default-src 'none'`: everything from the console's own origin and nothing else, no
 * inline script or style, no eval, no plugins, no framing, forms and <base> only to itself.
 */
export const consoleContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
