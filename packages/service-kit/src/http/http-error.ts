import { PlatformError } from '@saga/errors';

/** One field's problem in a request body: its dotted path (`items.0.quantity`) and what is wrong. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

/**
 * An error meant for the HTTP client: the error middleware answers with `status` and
 * `{ error: { code, message, details } }`. Anything else thrown in a route is a 500 that says nothing.
 * `retriable` follows the status: a 5xx, 408 or 429 may pass when the request is sent again; any other
 * 4xx fails the same way until the request changes.
 */
export class HttpError extends PlatformError {
  readonly retriable: boolean;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.retriable = status >= 500 || status === 408 || status === 429;
  }
}

/** 400: the request body or parameters are not what the route accepts. `details` lists every field error. */
export class ValidationError extends HttpError {
  constructor(
    override readonly details: readonly FieldError[],
    message = `invalid request: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
  ) {
    super(400, 'VALIDATION_FAILED', message, details);
  }
}

/** 400: the body is not JSON, or is JSON but not an object or array. */
export class MalformedJsonError extends HttpError {
  constructor(reason: string) {
    super(400, 'MALFORMED_JSON', `request body is not valid JSON: ${reason}`);
  }
}

/** 404: what the request names does not exist. */
export class NotFoundError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(404, 'NOT_FOUND', message, details);
  }
}

/** 409: the request conflicts with the current state (say, cancelling an order that already shipped). */
export class ConflictError extends HttpError {
  constructor(message: string, details?: unknown) {
    super(409, 'CONFLICT', message, details);
  }
}

/** 413: the body is larger than the service accepts. */
export class PayloadTooLargeError extends HttpError {
  constructor(limit: string) {
    super(413, 'PAYLOAD_TOO_LARGE', `request body is larger than ${limit}`);
  }
}

/** 415: the request has a body that is not JSON. */
export class UnsupportedMediaTypeError extends HttpError {
  constructor(contentType: string) {
    super(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `request body must be application/json, not ${contentType || 'untyped'}`,
    );
  }
}

/** 401: the request carries no bearer token, or one that no role grants. */
export class UnauthorizedError extends HttpError {
  constructor(message: string) {
    super(401, 'UNAUTHORIZED', message);
  }
}

/** 403: the token is valid but its role does not allow this endpoint. */
export class ForbiddenError extends HttpError {
  constructor(message: string) {
    super(403, 'FORBIDDEN', message);
  }
}

/** 503: something the request needs is away for now (an identity provider's keys, say); try again shortly. */
export class ServiceUnavailableError extends HttpError {
  constructor(code: string, message: string) {
    super(503, code, message);
  }
}
