/** What replaces a secret in a log line. */
export const CENSOR = '[redacted]';

/**
 * Field names whose values are secrets wherever they appear: passwords, tokens (OPS_TOKENS, opsTokens,
 * adminTokens...), the JWT secret, Authorization and cookies. Matched on the name, case-insensitively, at any depth.
 */
const SECRET_KEY = /pass(word|wd)?$|secret|token|authori[sz]ation|cookie/i;

/** Deeper than this, values are logged as they are (log objects are shallow; configs are 3 levels). */
const MAX_DEPTH = 10;

/**
 * A copy of a log object with every secret-named field censored, at any depth: `log.info({ config })`,
 * `log.info({ env: process.env })` or `log.info({ headers })` cannot leak a password or token.
 * Only plain objects and arrays are copied; errors, dates, buffers and class instances are kept as they
 * are (pino's serializers handle errors). The caller's object is never changed.
 */
export function redactSecrets<T>(value: T): T {
  return walk(value, 0, new WeakSet()) as T;
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  const isArray = Array.isArray(value);
  if (!isArray && !isPlain(value)) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (isArray) return value.map((item) => walk(item, depth + 1, seen));
    const copy: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      copy[key] = SECRET_KEY.test(key) && field !== undefined ? CENSOR : walk(field, depth + 1, seen);
    }
    return copy;
  } finally {
    seen.delete(value);
  }
}

function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
