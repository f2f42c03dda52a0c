import type { RouterMiddleware } from '@koa/router';
import {
  afterCursor,
  customerScope,
  ForbiddenError,
  mergeNewestFirst,
  newestFirst,
  pageOf,
  principalOf,
  ValidationError,
} from '@saga/service-kit';
import { finishedOrdersCollection } from '../model/order-model.ts';
import { parseListOrdersQuery } from './list-orders-query.ts';
import type { OrderRouteDeps } from './order-route-deps.ts';
import { orderView, orderViewProjection, type OrderViewSource } from './order-view.ts';

/**
 * `GET /orders?status=&customerId=&limit=&cursor=`: orders newest first, a page at a time, from the
 * hot collection and the settled orders' archive alike. `nextCursor` is null on the last page;
 * otherwise pass it back as `cursor` for the next one. A customer's list holds their own orders only
 * (asking for another customer's is 403); admin and ops see everyone's.
 */
export function listOrders(deps: OrderRouteDeps): RouterMiddleware {
  return async (ctx) => {
    const query = parseListOrdersQuery(ctx.query);
    if (!query.ok) throw new ValidationError(query.errors);
    const { status, limit, cursor } = query.value;
    const scope = customerScope(principalOf(ctx));
    if (scope !== undefined && query.value.customerId !== undefined && query.value.customerId !== scope) {
      throw new ForbiddenError(`customerId must be your own customer id ("${scope}"), or left out`);
    }
    const customerId = scope ?? query.value.customerId;
    const filter = {
      ...(status === undefined ? {} : { status }),
      ...(customerId === undefined ? {} : { customerId }),
      // Strictly after the cursor in (createdAt desc, _id desc) order.
      ...afterCursor(cursor),
    };
    // One more than a page tells whether another page follows, without counting. The query is validated
    // to plain strings already, and the connection's sanitizeFilter (guardQueries) runs no operator but
    // the cursor's own, trusted ones.
    const hot = await deps.orders
      .find(filter, orderViewProjection)
      .sort(newestFirst)
      .limit(limit + 1)
      .lean<OrderViewSource[]>();
    // Settled orders move to the archive (order-model.ts); PENDING ones never do. It is read through the
    // driver (no model writes it), with the same safe filter, and after the hot collection: a move copies
    // before it deletes, so an order moving meanwhile is in one read or in both, never in neither.
    const archived =
      status === 'PENDING'
        ? []
        : await deps.orders.db
            .collection<OrderViewSource>(finishedOrdersCollection)
            .find(filter, { projection: orderViewProjection })
            .sort(newestFirst)
            .limit(limit + 1)
            .toArray();
    const { page, nextCursor } = pageOf(mergeNewestFirst(hot, archived), limit);
    ctx.body = { items: page.map(orderView), nextCursor };
  };
}
