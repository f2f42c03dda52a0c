import type Router from '@koa/router';
import { jsonBodyParser, requireAccess, type ApiOperation } from '@saga/service-kit';
import { createOrder } from './create-order.ts';
import { createReturn } from './create-return.ts';
import { getOrder } from './get-order.ts';
import { listOrders } from './list-orders.ts';
import { orderBodyLimit } from './order-body-limit.ts';
import type { OrderRouteDeps } from './order-route-deps.ts';
import {
  getOrder as getOrderOperation,
  listOrders as listOrdersOperation,
  placeOrder,
  requestReturn,
} from './order-operations.ts';

/**
 * The order API: place an order, read one, list them, return lines of one. Every route needs a caller (401 without one,
 * before the route reads anything, the body included). A customer places and reads only their own
 * orders (and returns their lines); admin places, reads and returns anyone's; ops reads anyone's and
 * places none.
 */
export function mountOrderRoutes(router: Router, deps: OrderRouteDeps): void {
  const allowed = (operation: Pick<ApiOperation, 'access'>) => requireAccess(deps.auth, operation);
  router.post(
    placeOrder.path,
    allowed(placeOrder),
    jsonBodyParser({ limit: orderBodyLimit }),
    createOrder(deps),
  );
  router.get(listOrdersOperation.path, allowed(listOrdersOperation), listOrders(deps));
  router.get(getOrderOperation.path, allowed(getOrderOperation), getOrder(deps));
  router.post(
    requestReturn.path,
    allowed(requestReturn),
    jsonBodyParser({ limit: orderBodyLimit }),
    createReturn(deps),
  );
}
