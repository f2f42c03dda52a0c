import type Router from '@koa/router';
import { jsonBodyParser, requireRole } from '@saga/service-kit';
import { createOrder } from './create-order.ts';
import { createReturn } from './create-return.ts';
import { getOrder } from './get-order.ts';
import { listOrders } from './list-orders.ts';
import { orderBodyLimit } from './order-body-limit.ts';
import type { OrderRouteDeps } from './order-route-deps.ts';

/**
 * The order API: place an order, read one, list them, return lines of one. Every route needs a caller (401 without one,
 * before the route reads anything, the body included). A customer places and reads only their own
 * orders (and returns their lines); admin places, reads and returns anyone's; ops reads anyone's and
 * places none.
 */
export function mountOrderRoutes(router: Router, deps: OrderRouteDeps): void {
  const placer = requireRole(deps.auth, 'customer', 'admin');
  const reader = requireRole(deps.auth, 'customer', 'admin', 'ops');
  router.post('/orders', placer, jsonBodyParser({ limit: orderBodyLimit }), createOrder(deps));
  router.get('/orders', reader, listOrders(deps));
  router.get('/orders/:orderId', reader, getOrder(deps));
  router.post(
    '/orders/:orderId/returns',
    placer,
    jsonBodyParser({ limit: orderBodyLimit }),
    createReturn(deps),
  );
}
