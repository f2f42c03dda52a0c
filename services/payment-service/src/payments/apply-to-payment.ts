import type { AppliedMessage, Decision } from '@saga/service-kit';
import { MissingPaymentError } from '../errors/missing-payment-error.ts';
import type { PaymentRecord } from '../model/payment.ts';
import type { PaymentDeps } from './payment-deps.ts';

/** A decision applied to a payment (or, for a message applied before, not). */
export type PaymentApplied<R> =
  | { readonly kind: 'applied' | 'unchanged'; readonly result: R; readonly payment: PaymentRecord }
  | { readonly kind: 'duplicate'; readonly payment: PaymentRecord };

/**
 * Applies a decision to an order's payment, which was opened before, through the aggregate runtime:
 * as the payment's single writer, one guarded write that also records `message` (if any) and
 * appends the replies to the outbox.
 *
 * @throws MissingPaymentError when the payment is gone
 */
export async function applyToPayment<R>(
  deps: Pick<PaymentDeps, 'payments' | 'aggregates'>,
  orderId: string,
  decide: (payment: PaymentRecord) => Decision<R>,
  options: {
    readonly message?: AppliedMessage;
    /** The payment as the caller got it in this writer run: decided on without reading it again. */
    readonly current?: PaymentRecord;
  } = {},
): Promise<PaymentApplied<R>> {
  const { message, current } = options;
  const applied = await deps.aggregates.apply<PaymentRecord, R>(deps.payments, orderId, {
    ...(message ? { message } : {}),
    ...(current ? { current } : {}),
    decide: (payment) => {
      if (payment === null) throw new MissingPaymentError(orderId);
      return decide(payment);
    },
  });
  if (applied.kind === 'duplicate') return { kind: 'duplicate', payment: applied.document };
  if (applied.document === null) throw new MissingPaymentError(orderId);
  return { kind: applied.kind, result: applied.result, payment: applied.document };
}
