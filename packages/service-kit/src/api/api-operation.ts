import type { z } from 'zod';
import type { Role } from '@saga/identity';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

/** One answer of an operation: what it means, and its body's schema (JSON unless `contentType` says otherwise). */
export interface ApiAnswer {
  readonly description: string;
  readonly body?: z.ZodType;
  readonly contentType?: string;
  /** Headers the answer carries, by name: what each means. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * One HTTP operation as data: the route mounts with its method and path and validates with its schemas,
 * and the service's OpenAPI document is generated from the same object (openapi-document.ts), so the
 * two cannot say different things. Error answers all share one body (error-body-schema.ts): `errors`
 * says which statuses the operation gives and why; 401 and 403 are added for operations that need a role.
 */
export interface ApiOperation {
  /** Unique in its service; the typed client's method names follow it. */
  readonly operationId: string;
  readonly method: HttpMethod;
  /** The path as the router takes it (`/orders/:orderId`). */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  /** The roles that may call it (a bearer token granting one), or `anyone` for no token at all. */
  readonly access: readonly [Role, ...Role[]] | 'anyone';
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly headers?: z.ZodObject;
  readonly body?: z.ZodType;
  /** The successful answers, by status. */
  readonly responses: Readonly<Record<number, ApiAnswer>>;
  /** The error answers besides 401, 403 and 5xx, by status: when each is given. */
  readonly errors?: Readonly<Record<number, string>>;
}

/** Identity that keeps the literal types, so the client can read an operation's schemas off it. */
export function defineOperation<const O extends ApiOperation>(operation: O): O {
  return operation;
}
