import type { ApiResponse } from './api-response.ts';
import { PlatformApiError } from './platform-api-error.ts';
import { PlatformUnreachableError } from './platform-unreachable-error.ts';

/**
 * A call's outcome as a value instead of a throw, for callers that count answers by status (a chaos
 * driver retrying through an outage): a success, an error answer, or no answer at all (status 0).
 */
export type ApiOutcome<T> =
  | ({ readonly ok: true } & ApiResponse<T>)
  | { readonly ok: false; readonly status: number; readonly body: unknown; readonly error: PlatformApiError }
  | {
      readonly ok: false;
      readonly status: 0;
      readonly body: undefined;
      readonly error: PlatformUnreachableError;
    };

/** Waits for a call and tells how it went; errors other than the client's own still throw. */
export async function outcomeOf<T>(call: Promise<ApiResponse<T>>): Promise<ApiOutcome<T>> {
  try {
    return { ok: true, ...(await call) };
  } catch (error) {
    if (error instanceof PlatformApiError)
      return { ok: false, status: error.status, body: error.body, error };
    if (error instanceof PlatformUnreachableError) return { ok: false, status: 0, body: undefined, error };
    throw error;
  }
}
