import { PlatformError } from '@saga/errors';

/**
 * A service answered with an error status. `code`, `message` and `details` are the error body's
 * (`{ error: { code, message, details } }`, the one shape every service answers errors with);
 * `retriable` follows the status: a 5xx, 408 or 429 may pass when sent again, any other 4xx will not.
 */
export class PlatformApiError extends PlatformError {
  readonly code: string;
  readonly retriable: boolean;
  /** What the answer said in its body's `error.message`. */
  readonly reason: string;

  constructor(
    /** `GET http://127.0.0.1:3000/orders/...`: which request. */
    readonly request: string,
    readonly status: number,
    readonly body: unknown,
    readonly headers: Headers,
  ) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    const code = typeof error?.code === 'string' ? error.code : `HTTP_${status}`;
    const reason = typeof error?.message === 'string' ? error.message : `status ${status}`;
    super(`${request} answered ${status} ${code}: ${reason}`);
    this.code = code;
    this.reason = reason;
    this.retriable = status >= 500 || status === 408 || status === 429;
  }

  /** The body's `error.details`: for VALIDATION_FAILED, every field error as `{ path, message }`. */
  get details(): unknown {
    return (this.body as { error?: { details?: unknown } } | undefined)?.error?.details;
  }
}
