import type Router from '@koa/router';
import { jsonBodyParser, requireRole } from '@saga/service-kit';
import { createOrder } from './create-order.ts';
import { getOrder } from './get-order.ts';
import { listOrders } from './list-orders.ts';
import { orderBodyLimit } from './order-body-limit.ts';
import type { OrderRouteDeps } from './order-route-deps.ts';

/**
 * The order API: place an order, read one, list them. Every route needs a bearer token with the `api`
 * role (401 without one, before the route reads anything, the body included).
 */
export function mountOrderRoutes(router: Router, deps: OrderRouteDeps): void {
  const api = requireRole(deps.auth, 'api');
  router.post('/orders', api, jsonBodyParser({ limit: orderBodyLimit }), createOrder(deps));
  router.get('/orders', api, listOrders(deps));
  router.get('/orders/:orderId', api, getOrder(deps));
}
