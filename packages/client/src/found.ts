import type { ApiResponse } from './api-response.ts';
import { PlatformApiError } from './platform-api-error.ts';

/** The answer's body, or undefined when the service answered 404 (any other error still throws). */
export async function found<T>(call: Promise<ApiResponse<T>>): Promise<T | undefined> {
  try {
    return (await call).body;
  } catch (error) {
    if (error instanceof PlatformApiError && error.status === 404) return undefined;
    throw error;
  }
}
