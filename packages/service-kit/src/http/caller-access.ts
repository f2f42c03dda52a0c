import type { Principal } from '@saga/identity';
import { ForbiddenError } from './http-error.ts';

/**
 * Whose data a caller sees: every customer's for admin and ops (undefined: no filter), only their own
 * for a customer. Lists filter by it; single documents of another customer answer 404, as if absent,
 * so ids cannot be probed.
 */
export function customerScope(principal: Principal): string | undefined {
  if (principal.roles.has('admin') || principal.roles.has('ops')) return undefined;
  return principal.subject;
}

/** Whether the caller may read a document of `customerId`. */
export function maySee(principal: Principal, customerId: string): boolean {
  const scope = customerScope(principal);
  return scope === undefined || scope === customerId;
}

/**
 * The caller may act for `customerId` (place an order, say): admin for anyone, a customer for
 * themselves. Ops reads only.
 * @throws ForbiddenError (403) otherwise, naming the field that points elsewhere.
 */
export function assertMayActFor(principal: Principal, customerId: string, field: string): void {
  if (principal.roles.has('admin')) return;
  if (principal.roles.has('customer') && principal.subject === customerId) return;
  throw new ForbiddenError(
    principal.roles.has('customer')
      ? `${field} must be your own customer id ("${principal.subject}"): a customer acts only for themselves`
      : 'this endpoint changes data; it needs the admin role or a customer acting for themselves',
  );
}
