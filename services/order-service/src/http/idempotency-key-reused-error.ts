import { HttpError } from '@saga/service-kit';

/**
 * 409: an Idempotency-Key came back with a different body than the order it first placed. Answering
 * with that order would hide the difference; placing a second one would break the key's promise.
 */
export class IdempotencyKeyReusedError extends HttpError {
  constructor(
    readonly idempotencyKey: string,
    readonly orderId: string,
  ) {
    super(
      409,
      'IDEMPOTENCY_KEY_REUSED',
      `Idempotency-Key ${JSON.stringify(idempotencyKey)} was already used for order ${orderId} with a different body; send a new key for a new order`,
      { idempotencyKey, orderId },
    );
  }
}
