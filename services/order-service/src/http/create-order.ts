import type { RouterMiddleware } from '@koa/router';
import { isTraceparent } from '@saga/events';
import { assertMayActFor, findCurrent, principalOf, ValidationError } from '@saga/service-kit';
import { decideOrderPlacement, type OrderPlacement } from '../domain/order-placement.ts';
import type { OrderDocument } from '../model/order-document.ts';
import { orderIdFor, requestFingerprint } from '../domain/idempotency.ts';
import { newOrderDocument } from '../model/new-order-document.ts';
import { parseCreateOrderBody } from './create-order-body.ts';
import { IdempotencyKeyReusedError } from './idempotency-key-reused-error.ts';
import { parseIdempotencyKey } from './idempotency-key-header.ts';
import type { OrderRouteDeps } from './order-route-deps.ts';
import { orderView, orderViewProjection, type OrderViewSource } from './order-view.ts';

/**
 * `POST /orders`: validates, then stores the order and its order.created message in ONE insert (the
 * message in the order's outbox) and answers 202: the saga decides the rest, asynchronously. Kafka
 * is not touched here, so orders are taken while it is down; the relay sends the message later.
 *
 * With an Idempotency-Key the order id is derived from the key, so a retry's insert collides with the
 * first on `_id`. The stored body fingerprint then tells a retry from a reuse of the key for
 * another body (409). A retry is answered 202 with the order's current view (GET /orders/:id's body),
 * so a settled order answers CONFIRMED or CANCELLED, not PENDING. Without a key, every request is a new
 * order. Keys are scoped per customer: two customers' equal keys name two orders, so no customer can
 * replay (and read) another's. The insert is the aggregate runtime's (order-placement.ts decides),
 * which also nudges the relay.
 *
 * A customer orders only for themselves: a body naming another customer is 403, and nothing is stored.
 */
export function createOrder(deps: OrderRouteDeps): RouterMiddleware {
  const now = deps.now ?? (() => new Date());
  return async (ctx) => {
    const key = parseIdempotencyKey(ctx.headers['idempotency-key']);
    const body = parseCreateOrderBody(ctx.request.body);
    if (!key.ok || !body.ok) {
      throw new ValidationError([...(key.ok ? [] : key.errors), ...(body.ok ? [] : body.errors)]);
    }
    assertMayActFor(principalOf(ctx), body.value.customerId, 'customerId');
    const idempotencyKey = key.value;
    const fingerprint = requestFingerprint(body.value);
    const orderId = orderIdFor(body.value.customerId, idempotencyKey);
    const traceparent = ctx.get('traceparent');
    const document = newOrderDocument({
      orderId,
      request: body.value,
      now: now(),
      ...(idempotencyKey === undefined ? {} : { idempotency: { key: idempotencyKey, fingerprint } }),
      ...(isTraceparent(traceparent) ? { traceparent } : {}),
    });

    const placed = await deps.aggregates.apply<OrderDocument, OrderPlacement>(deps.orders, orderId, {
      // The id is fresh unless an Idempotency-Key is sent again: no lookup before the insert.
      expectNew: true,
      decide: (stored) => decideOrderPlacement(stored, document),
    });
    const placement = placed.kind === 'duplicate' ? { kind: 'replayed' as const } : placed.result;
    if (placement.kind === 'key-reused') {
      throw new IdempotencyKeyReusedError(idempotencyKey ?? '', orderId);
    }
    if (placement.kind === 'replayed') {
      deps.logger.info({ orderId }, 'retried order request answered with the order it placed');
      // The order as it is now: a client retrying after a lost answer learns how its order ended.
      const current = await findCurrent<OrderViewSource>(deps.orders, orderId, orderViewProjection);
      ctx.set('Idempotent-Replayed', 'true');
      accepted(ctx, orderId);
      if (current) ctx.body = orderView(current);
      return;
    }
    deps.logger.info(
      { orderId, customerId: document.customerId, total: document.total, currency: document.currency },
      'order placed',
    );
    accepted(ctx, orderId);
  };
}

/** The answer to a placed order, the same for its retries: where to follow it, and that it is pending. */
function accepted(ctx: Parameters<RouterMiddleware>[0], orderId: string) {
  ctx.status = 202;
  ctx.set('Location', `/orders/${orderId}`);
  ctx.body = { orderId, status: 'PENDING' };
}
