import type { Role } from './role.ts';

/** The caller of a request, once its bearer token is verified. */
export interface Principal {
  /**
   * Who: for a JWT its `sub` (for a customer, the customer id); for a static service-account token,
   * the account's name (`admin-token`, `ops-token`).
   */
  readonly subject: string;
  readonly roles: ReadonlySet<Role>;
  /** How the caller proved it: a verified JWT, or one of the configured static tokens. */
  readonly via: 'jwt' | 'service-token';
}

export function hasRole(principal: Principal, role: Role): boolean {
  return principal.roles.has(role);
}
