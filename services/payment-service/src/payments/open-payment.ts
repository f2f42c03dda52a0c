import { isDuplicateKeyError } from '@saga/service-kit';
import type { PaymentRecord } from '../model/payment.ts';
import type { NewPayment } from '../rules/new-payment.ts';
import type { PaymentDeps } from './payment-deps.ts';

/**
 * The order's payment: the one stored, or else `fresh`, inserted. Idempotent by order id (the
 * document id), which is what stops a second request for the same order from opening a second
 * payment. An existing payment is not written to at all, so a redelivery changes nothing.
 *
 * A plain insert rather than an upsert with `$setOnInsert`: FerretDB 1.24 drops top-level null and
 * empty-array values from `$setOnInsert`, which would leave the payment without its
 * `processedMessageIds`, `outbox` and null fields.
 */
export async function openPayment(deps: PaymentDeps, fresh: NewPayment): Promise<PaymentRecord> {
  const stored = await deps.payments.findById(fresh._id).lean();
  if (stored) return stored;
  try {
    return (await deps.payments.create(fresh)).toObject();
  } catch (error) {
    // Another writer inserted it first: read what it wrote.
    if (!isDuplicateKeyError(error)) throw error;
  }
  const raced = await deps.payments.findById(fresh._id).lean();
  if (!raced) throw new Error(`payment of order ${fresh._id} was neither inserted nor found`);
  return raced;
}
