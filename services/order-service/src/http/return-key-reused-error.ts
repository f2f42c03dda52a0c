import { HttpError } from '@saga/service-kit';

/** 409: an Idempotency-Key came back with other lines than the return it first recorded. */
export class ReturnKeyReusedError extends HttpError {
  constructor(
    readonly idempotencyKey: string,
    readonly returnId: string,
  ) {
    super(
      409,
      'IDEMPOTENCY_KEY_REUSED',
      `Idempotency-Key ${JSON.stringify(idempotencyKey)} was already used for return ${returnId} with other lines; send a new key for a new return`,
      { idempotencyKey, returnId },
    );
  }
}
