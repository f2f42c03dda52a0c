import { MissingPaymentError } from '../errors/missing-payment-error.ts';
import type { PaymentRecord } from '../model/payment.ts';
import { decideOpening, type NewPayment, type Opening } from '../rules/new-payment.ts';
import type { PaymentDeps } from './payment-deps.ts';

/**
 * The order's payment: the one stored, or else `fresh`, inserted (see decideOpening). An existing
 * payment is not written to at all, so a redelivery changes nothing. No message is recorded here: the
 * message is applied by the step that answers it.
 */
export async function openPayment(
  deps: Pick<PaymentDeps, 'payments' | 'aggregates'>,
  fresh: NewPayment,
): Promise<PaymentRecord> {
  const opened = await deps.aggregates.apply<PaymentRecord, Opening>(deps.payments, fresh._id, {
    decide: (payment) => decideOpening(payment, fresh),
  });
  if (opened.document === null) throw new MissingPaymentError(fresh._id);
  return opened.document;
}
