import { expect } from 'chai';
import {
  ConflictError,
  ForbiddenError,
  HttpError,
  MalformedJsonError,
  NotFoundError,
  PayloadTooLargeError,
  PlatformError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../src/index.ts';

describe('HttpError', () => {
  it('is a PlatformError named after its class, with its status and code', () => {
    const cases: [HttpError, string, number, string][] = [
      [
        new ValidationError([{ path: 'a', message: 'required' }]),
        'ValidationError',
        400,
        'VALIDATION_FAILED',
      ],
      [new MalformedJsonError('unexpected end'), 'MalformedJsonError', 400, 'MALFORMED_JSON'],
      [new UnauthorizedError('no token'), 'UnauthorizedError', 401, 'UNAUTHORIZED'],
      [new ForbiddenError('not admin'), 'ForbiddenError', 403, 'FORBIDDEN'],
      [new NotFoundError('no order o-1'), 'NotFoundError', 404, 'NOT_FOUND'],
      [new ConflictError('already cancelled'), 'ConflictError', 409, 'CONFLICT'],
      [new PayloadTooLargeError('1mb'), 'PayloadTooLargeError', 413, 'PAYLOAD_TOO_LARGE'],
      [
        new UnsupportedMediaTypeError('text/plain'),
        'UnsupportedMediaTypeError',
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [new HttpError(418, 'TEAPOT', 'short and stout'), 'HttpError', 418, 'TEAPOT'],
    ];
    for (const [error, name, status, code] of cases) {
      expect(error).to.be.instanceOf(PlatformError);
      expect(error).to.include({ name, status, code });
    }
  });

  it('is not retriable for a request that must change (4xx), retriable for 408, 429 and 5xx', () => {
    for (const status of [400, 401, 403, 404, 409, 413, 415, 422])
      expect(new HttpError(status, 'X', 'x').retriable, String(status)).to.equal(false);
    for (const status of [408, 429, 500, 502, 503])
      expect(new HttpError(status, 'X', 'x').retriable, String(status)).to.equal(true);
    expect(new ValidationError([]).retriable).to.equal(false);
  });
});
