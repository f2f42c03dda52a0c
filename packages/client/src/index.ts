export { createPlatformClient, type PlaceOrderOptions, type PlatformClient } from './platform-client.ts';
export {
  localServiceUrls,
  type CallOptions,
  type PlatformClientOptions,
  type ServiceKey,
  type ServiceUrls,
  type TokenSource,
} from './client-options.ts';
export type { ApiResponse } from './api-response.ts';
export type { AnswerOf, BodyOf, QueryOf } from './operation-types.ts';
export { PlatformApiError } from './platform-api-error.ts';
export { PlatformUnreachableError } from './platform-unreachable-error.ts';
export { found } from './found.ts';
export { outcomeOf, type ApiOutcome } from './api-outcome.ts';
