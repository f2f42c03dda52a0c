import type { RouterMiddleware } from '@koa/router';
import { findCurrent, maySee, parseBody, principalOf } from '@saga/service-kit';
import { orderIdParams } from './order-operations.ts';
import { OrderNotFoundError } from './order-not-found-error.ts';
import type { OrderRouteDeps } from './order-route-deps.ts';
import { orderView, orderViewProjection, type OrderViewSource } from './order-view.ts';

/**
 * `GET /orders/:orderId`: the order as it is now; 400 for an id that is not a UUID, 404 for an unknown
 * one, and 404 too for another customer's order when a customer asks (as if it did not exist, so
 * order ids cannot be probed).
 */
export function getOrder(deps: OrderRouteDeps): RouterMiddleware {
  return async (ctx) => {
    const requested = parseBody(orderIdParams, ctx.params).orderId;
    // Ids are stored as written, lower case (randomUUID and the UUIDv5 both are); RFC 9562 ignores case.
    const orderId = requested.toLowerCase();
    // Wherever it is: a settled order moves to the archive (order-model.ts).
    const order = await findCurrent<OrderViewSource>(deps.orders, orderId, orderViewProjection);
    if (!order || !maySee(principalOf(ctx), order.customerId)) throw new OrderNotFoundError(orderId);
    ctx.body = orderView(order);
  };
}
