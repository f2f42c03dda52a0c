/**
 * What a caller may do:
 * - `customer`: place and read their own orders, read their own account (the JWT's `sub` is the
 *   customer id);
 * - `ops`: read everything, change nothing (dashboards, on-call, scripts that watch);
 * - `admin`: everything, for any customer (stock, accounts, saga retry, dead-letter replay, and orders).
 */
export const roles = ['customer', 'ops', 'admin'] as const;

export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}
