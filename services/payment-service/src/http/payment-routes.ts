import type Router from '@koa/router';
import type { Config } from '@saga/config';
import { findCurrent, maySee, NotFoundError, principalOf, requireAccess } from '@saga/service-kit';
import type { PaymentModel, PaymentRecord } from '../model/payment.ts';
import { orderIdParam } from './params.ts';
import { paymentView } from './payment-view.ts';
import { getPayment } from './payment-operations.ts';

/**
 * `GET /payments/:orderId`: the order's payment, its status and its refund, to admin, ops and the
 * customer who paid; 404 when there is none, and for another customer's (as if there were none).
 */
export function mountPaymentRoutes(
  router: Router,
  deps: { readonly payments: PaymentModel; readonly auth: Config['auth'] },
): void {
  router.get(getPayment.path, requireAccess(deps.auth, getPayment), async (ctx) => {
    const orderId = orderIdParam(ctx.params.orderId);
    // Decided ones may have moved to the archive (model/payment.ts).
    const payment = await findCurrent<PaymentRecord>(deps.payments, orderId);
    if (!payment || !maySee(principalOf(ctx), payment.customerId ?? '')) {
      throw new NotFoundError(`order ${orderId} has no payment`);
    }
    ctx.body = paymentView(payment);
  });
}
