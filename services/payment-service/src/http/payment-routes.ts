import type Router from '@koa/router';
import type { Config } from '@saga/config';
import { findCurrent, NotFoundError, requireRole } from '@saga/service-kit';
import type { PaymentModel, PaymentRecord } from '../model/payment.ts';
import { orderIdParam } from './params.ts';
import { paymentView } from './payment-view.ts';

/** `GET /payments/:orderId` (api token): the order's payment, its status and its refund; 404 when there is none. */
export function mountPaymentRoutes(
  router: Router,
  deps: { readonly payments: PaymentModel; readonly auth: Config['auth'] },
): void {
  router.get('/payments/:orderId', requireRole(deps.auth, 'api'), async (ctx) => {
    const orderId = orderIdParam(ctx.params.orderId);
    // Decided ones may have moved to the archive (model/payment.ts).
    const payment = await findCurrent<PaymentRecord>(deps.payments, orderId);
    if (!payment) throw new NotFoundError(`order ${orderId} has no payment`);
    ctx.body = paymentView(payment);
  });
}
