import mongoose from 'mongoose';
import type { PaymentRecord } from '../model/payment.ts';
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
 * One payment failing does not stop the others, nor the service: it is logged, and its redelivered
 * message or the next start tries again.
 */
export async function finishInterruptedPayments(
  deps: PaymentDeps,
): Promise<{ readonly finished: number; readonly failed: number }> {
  const unfinished = await deps.payments
    .find({ status: mongoose.trusted({ $in: unfinishedStatuses }) })
    .lean();
  let finished = 0;
  let failed = 0;
  for (const payment of unfinished) {
    try {
      if (await deps.writer.run(deps.payments, payment._id, () => finish(deps, payment))) finished++;
    } catch (error) {
      failed++;
      deps.logger.error(
        { err: error, orderId: payment._id, status: payment.status },
        'could not finish an interrupted payment; its redelivery or the next start tries again',
      );
    }
  }
  if (unfinished.length > 0) {
    deps.logger.info({ found: unfinished.length, finished, failed }, 'interrupted payments swept');
  }
  return { finished, failed };
}

function finish(deps: PaymentDeps, payment: PaymentRecord): Promise<PaymentRecord | null> {
  return payment.status === 'PENDING' ? settlePayment(deps, payment) : completeRefund(deps, payment);
}
