import mongoose from 'mongoose';
import { unfinishedStatuses } from '../rules/payment-status.ts';
import { completeRefund } from './complete-refund.ts';
import type { PaymentDeps } from './payment-deps.ts';
import { settlePayment } from './settle-payment.ts';

/**
 * The start-up sweep: finishes what a crash interrupted, so no saga waits on a payment that nobody
 * would finish. PENDING payments are decided (an account already debited is found by its ledger
 * marker and not debited again); REFUNDING ones are credited (at most once, by the refund marker).
 * Each replies to the saga recorded in the payment. The redelivered message, if any, then finds its
 * payment decided and answers the same again.
 *
 * The consumers run meanwhile, so each payment is read again as its writer before anything is done:
 * one a handler has finished since is left alone (and its account not debited for it).
 *
 * One payment failing does not stop the others, nor the service: it is logged, and its redelivered
 * message or the next start tries again.
 */
export async function finishInterruptedPayments(
  deps: PaymentDeps,
): Promise<{ readonly finished: number; readonly failed: number }> {
  const unfinished = await deps.payments
    .find({ status: mongoose.trusted({ $in: unfinishedStatuses }) }, { _id: 1 })
    .lean();
  let finished = 0;
  let failed = 0;
  for (const { _id: orderId } of unfinished) {
    try {
      if (await deps.writer.run(deps.payments, orderId, () => finish(deps, orderId))) finished++;
    } catch (error) {
      failed++;
      deps.logger.error(
        { err: error, orderId },
        'could not finish an interrupted payment; its redelivery or the next start tries again',
      );
    }
  }
  if (unfinished.length > 0) {
    deps.logger.info({ found: unfinished.length, finished, failed }, 'interrupted payments swept');
  }
  return { finished, failed };
}

/** Finishes the order's payment if it still is unfinished; whether it was. */
async function finish(deps: PaymentDeps, orderId: string): Promise<boolean> {
  const payment = await deps.payments.findById(orderId).lean();
  switch (payment?.status) {
    case 'PENDING':
      await settlePayment(deps, payment);
      return true;
    case 'REFUNDING':
      await completeRefund(deps, payment);
      return true;
    default:
      return false;
  }
}
