import type { ApiOperation } from './api-operation.ts';

/** A service's HTTP API as data: the operations its routes mount, for its OpenAPI document. */
export interface ServiceApi {
  /** The service's package.json version: the document's `info.version`. */
  readonly version: string;
  readonly description?: string;
  /** Its own operations; service-kit adds its own (health, readiness, metrics, dead letters). */
  readonly operations: readonly ApiOperation[];
}
