import { defineService } from '@saga/service-kit';
import { cancelOrder } from './handlers/cancel-order.ts';
import { confirmOrder } from './handlers/confirm-order.ts';
import { mountOrderRoutes } from './http/order-routes.ts';
import { orderModel } from './model/order-model.ts';

/**
 * The order service: takes orders over HTTP and announces each with order.created (through the
 * order's outbox), then settles it as the saga decides (order.confirm, order.cancel), acknowledging
 * each decision (order.confirmed, order.cancelled) through the same outbox.
 */
export const orderService = defineService({
  name: 'order-service',
  port: (config) => config.services.order.port,
  publishes: ['order.created', 'order.confirmed', 'order.cancelled'],
  consumes: ['order.confirm', 'order.cancel'],
  models: (db) => [orderModel(db)],
  handlers: (ctx) => {
    const deps = { orders: orderModel(ctx.db), aggregates: ctx.aggregates, logger: ctx.logger };
    return { 'order.confirm': confirmOrder(deps), 'order.cancel': cancelOrder(deps) };
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
