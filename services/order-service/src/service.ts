import { defineService, type ServiceContext } from '@saga/service-kit';
import { approveReturnHandler } from './handlers/approve-return.ts';
import { cancelOrder } from './handlers/cancel-order.ts';
import { cancelReturnHandler } from './handlers/cancel-return.ts';
import { completeReturnHandler } from './handlers/complete-return.ts';
import { confirmOrder } from './handlers/confirm-order.ts';
import { mountOrderRoutes } from './http/order-routes.ts';
import { orderModel } from './model/order-model.ts';
import {
  pendingOrderSweepBatchSize,
  startPendingOrderSweep,
  type PendingOrderSweep,
} from './sweep/pending-order-sweep.ts';

/** One sweep per running service. */
const sweeps = new WeakMap<ServiceContext, PendingOrderSweep>();

/**
 * The order service: takes orders over HTTP and announces each with order.created (through the
 * order's outbox), then settles it as the saga decides (order.confirm, order.cancel), acknowledging
 * each decision (order.confirmed, order.cancelled) through the same outbox. Customers return lines of
 * a CONFIRMED order (POST /orders/:orderId/returns), which the return saga approves, completes or
 * rejects through the same order (returns/). A sweep re-drives orders
 * left PENDING (PENDING_ORDER_SWEEP_AFTER_MS) and reports those it gave up on.
 */
export const orderService = defineService({
  name: 'order-service',
  port: (config) => config.services.order.port,
  publishes: [
    'order.created',
    'order.confirmed',
    'order.cancelled',
    // A return's request and its answers to the return saga (returns/).
    'order.return-requested',
    'order.return-approved',
    'order.return-rejected',
    'order.return-completed',
    'order.return-cancelled',
  ],
  consumes: [
    'order.confirm',
    'order.cancel',
    'order.approve-return',
    'order.complete-return',
    'order.cancel-return',
  ],
  models: (db) => [orderModel(db)],
  handlers: (ctx) => {
    const deps = { orders: orderModel(ctx.db), aggregates: ctx.aggregates, logger: ctx.logger };
    return {
      'order.confirm': confirmOrder(deps),
      'order.cancel': cancelOrder(deps),
      'order.approve-return': approveReturnHandler(deps),
      'order.complete-return': completeReturnHandler(deps),
      'order.cancel-return': cancelReturnHandler(deps),
    };
  },
  onStart: (ctx) => {
    const { pendingSweep } = ctx.config.services.order;
    sweeps.set(
      ctx,
      startPendingOrderSweep({
        orders: orderModel(ctx.db),
        aggregates: ctx.aggregates,
        logger: ctx.logger,
        policy: { ...pendingSweep, batchSize: pendingOrderSweepBatchSize },
        owns: (orderId) => ctx.events.ownership.owns(orderId),
      }),
    );
    return Promise.resolve();
  },
  // Before the store closes, so no order is written on a closing connection.
  onStop: async (ctx) => {
    await sweeps.get(ctx)?.stop();
    sweeps.delete(ctx);
  },
  routes: (router, ctx) => {
    mountOrderRoutes(router, {
      orders: orderModel(ctx.db),
      aggregates: ctx.aggregates,
      logger: ctx.logger,
      auth: ctx.config.auth,
    });
  },
});
