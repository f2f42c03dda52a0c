import type Router from '@koa/router';
import { createOrder } from './create-order.ts';
import { getOrder } from './get-order.ts';
import { listOrders } from './list-orders.ts';
import type { OrderRouteDeps } from './order-route-deps.ts';

/** The order API: place an order, read one, list them. */
export function mountOrderRoutes(router: Router, deps: OrderRouteDeps): void {
  router.post('/orders', createOrder(deps));
  router.get('/orders', listOrders(deps));
  router.get('/orders/:orderId', getOrder(deps));
}
