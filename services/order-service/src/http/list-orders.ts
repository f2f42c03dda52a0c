import type { RouterMiddleware } from '@koa/router';
import mongoose from 'mongoose';
import { ValidationError } from '@saga/service-kit';
import { encodeCursor } from './list-cursor.ts';
import { parseListOrdersQuery } from './list-orders-query.ts';
import type { OrderRouteDeps } from './order-route-deps.ts';
import { orderView, orderViewProjection, type OrderViewSource } from './order-view.ts';

/**
 * `GET /orders?status=&customerId=&limit=&cursor=`: orders newest first, a page at a time.
 * `nextCursor` is null on the last page; otherwise pass it back as `cursor` for the next one.
 */
export function listOrders(deps: OrderRouteDeps): RouterMiddleware {
  return async (ctx) => {
    const query = parseListOrdersQuery(ctx.query);
    if (!query.ok) throw new ValidationError(query.errors);
    const { status, customerId, limit, cursor } = query.value;
    const filter = {
      ...(status === undefined ? {} : { status }),
      ...(customerId === undefined ? {} : { customerId }),
      // Strictly after the cursor in (createdAt desc, _id desc) order.
      ...(cursor === undefined
        ? {}
        : {
            $or: [
              { createdAt: mongoose.trusted({ $lt: cursor.createdAt }) },
              { createdAt: cursor.createdAt, _id: mongoose.trusted({ $lt: cursor.orderId }) },
            ],
          }),
    };
    // One more than a page tells whether another page follows, without counting. The query is validated
    // to plain strings already, and the connection's sanitizeFilter (guardQueries) runs no operator but
    // the cursor's own, trusted ones.
    const found = await deps.orders
      .find(filter, orderViewProjection)
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<OrderViewSource[]>();
    const page = found.slice(0, limit);
    const last = page.at(-1);
    ctx.body = {
      items: page.map(orderView),
      nextCursor:
        found.length > limit && last ? encodeCursor({ createdAt: last.createdAt, orderId: last._id }) : null,
    };
  };
}
