import type Router from '@koa/router';
import { NotFoundError } from '@saga/service-kit';
import type { PaymentModel } from '../model/payment.ts';
import { orderIdParam } from './params.ts';
import { paymentView } from './payment-view.ts';

/** `GET /payments/:orderId`: the order's payment, its status and its refund; 404 when there is none. */
export function mountPaymentRoutes(router: Router, deps: { readonly payments: PaymentModel }): void {
  router.get('/payments/:orderId', async (ctx) => {
    const orderId = orderIdParam(ctx.params.orderId);
    const payment = await deps.payments.findById(orderId).lean();
    if (!payment) throw new NotFoundError(`order ${orderId} has no payment`);
    ctx.body = paymentView(payment);
  });
}
