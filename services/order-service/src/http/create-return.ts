import type { RouterMiddleware } from '@koa/router';
import { isUuid } from '@saga/avro';
import { isTraceparent } from '@saga/events';
import { maySee, principalOf, ValidationError } from '@saga/service-kit';
import type { OrderDocument } from '../model/order-document.ts';
import { decideReturnRequest, type ReturnRequestOutcome } from '../returns/return-decision.ts';
import { returnIdFor } from '../returns/return-id.ts';
import { parseCreateReturnBody } from './create-return-body.ts';
import { parseIdempotencyKey } from './idempotency-key-header.ts';
import { OrderNotFoundError } from './order-not-found-error.ts';
import type { OrderRouteDeps } from './order-route-deps.ts';
import { ReturnKeyReusedError } from './return-key-reused-error.ts';

/**
 * `POST /orders/:orderId/returns {items: [{sku, quantity}]}`: records the return in the order,
 * REQUESTED, with order.return-requested in the same write (the order's outbox), and answers 202
 * `{returnId, status: "REQUESTED"}`: the return saga decides the rest, and GET /orders/:orderId shows
 * how it ends (COMPLETED with `refunded`, or REJECTED with the reason). Any order of the caller's may
 * be asked; one that is not CONFIRMED, or lines beyond what was bought, end REJECTED.
 *
 * The order's owner or admin; another customer's order is 404, as on GET. With an Idempotency-Key
 * the return id derives from the order and the key: a retry is answered 202 with the return as it is
 * now, and the key sent again with other lines is 409.
 */
export function createReturn(deps: OrderRouteDeps): RouterMiddleware {
  const now = deps.now ?? (() => new Date());
  return async (ctx) => {
    const requested = ctx.params.orderId ?? '';
    const key = parseIdempotencyKey(ctx.headers['idempotency-key']);
    const body = parseCreateReturnBody(ctx.request.body);
    const idError = isUuid(requested) ? [] : [{ path: 'orderId', message: 'must be a UUID' }];
    if (!key.ok || !body.ok || idError.length > 0)
      throw new ValidationError([...idError, ...(key.ok ? [] : key.errors), ...(body.ok ? [] : body.errors)]);
    const orderId = requested.toLowerCase();
    const returnId = returnIdFor(orderId, key.value);
    const traceparent = ctx.get('traceparent');
    const principal = principalOf(ctx);
    const applied = await deps.aggregates.apply<OrderDocument, ReturnRequestOutcome>(deps.orders, orderId, {
      decide: (order) =>
        // Another customer's order is as absent as an unknown one, and is not written.
        decideReturnRequest(
          order && maySee(principal, order.customerId) ? order : null,
          {
            returnId,
            items: body.value.items,
            idempotencyKey: key.value ?? null,
            ...(isTraceparent(traceparent) ? { traceparent } : {}),
          },
          now(),
        ),
    });
    if (applied.kind === 'duplicate') throw new TypeError('a return request carries no message id');
    const outcome = applied.result;
    switch (outcome.kind) {
      case 'unknown-order':
        throw new OrderNotFoundError(orderId);
      case 'key-reused':
        throw new ReturnKeyReusedError(key.value ?? '', returnId);
      case 'replayed':
        ctx.set('Idempotent-Replayed', 'true');
        ctx.status = 202;
        ctx.body = { returnId, status: outcome.ret.status };
        return;
      case 'requested':
        deps.logger.info({ orderId, returnId, items: outcome.ret.items }, 'return requested');
        ctx.status = 202;
        ctx.set('Location', `/orders/${orderId}`);
        ctx.body = { returnId, status: 'REQUESTED' };
    }
  };
}
