import { restockModel } from './model/restock-model.ts';
import { restockHandler } from './restock/apply-restock.ts';
import { defineService, type ServiceContext, type ServiceDefinition } from '@saga/service-kit';
import { commandHandlers } from './handlers/command-handlers.ts';
import { reservationRoutes } from './http/reservation-routes.ts';
import { stockRoutes } from './http/stock-routes.ts';
import { reservationModel } from './model/reservation-model.ts';
import { createStockLedger, type StockLedger } from './model/stock-ledger.ts';
import { stockModel } from './model/stock-model.ts';
import { defaultRecoveryOptions, type RecoveryOptions } from './reservation/recover-reservations.ts';
import { createReservationEngine, type ReservationEngine } from './reservation/reservation-engine.ts';

export interface InventoryServiceOptions {
  /** How the start-up sweep picks reservations a crash left in flight. */
  readonly recovery?: RecoveryOptions;
}

/**
 * The inventory service: stock per SKU, and each order's reservation of it, all or none, driven by
 * the orchestrator's commands over Kafka. Replies leave through the reservations' outboxes.
 *
 * Every write is one `ctx.aggregates.apply` (read, pure decision, one guarded write with the message
 * id and the outbox) as the document's single writer: a reservation by order, stock by SKU. A SKU
 * is shared by orders of every partition, so on FerretDB, whose updates are not atomic across
 * processes, it runs as one replica; on MongoDB, replicas are safe (each guarded update is atomic).
 */
export function inventoryService(options: InventoryServiceOptions = {}): ServiceDefinition {
  // One ledger and one engine per running service, shared by handlers, recovery sweep and routes.
  const parts = new WeakMap<ServiceContext, { ledger: StockLedger; engine: ReservationEngine }>();
  const partsOf = (ctx: ServiceContext) => {
    let found = parts.get(ctx);
    if (!found) {
      const ledger = createStockLedger({ Stock: stockModel(ctx.db), aggregates: ctx.aggregates });
      const engine = createReservationEngine({
        Reservation: reservationModel(ctx.db),
        ledger,
        aggregates: ctx.aggregates,
        writer: ctx.writer,
        logger: ctx.logger,
      });
      found = { ledger, engine };
      parts.set(ctx, found);
    }
    return found;
  };

  return defineService({
    name: 'inventory-service',
    port: (config) => config.services.inventory.port,
    publishes: [
      'inventory.reserved',
      'inventory.failed',
      'inventory.completed',
      'inventory.released',
      'inventory.restocked',
      'inventory.restock-failed',
    ],
    consumes: ['inventory.reserve', 'inventory.commit', 'inventory.release', 'inventory.restock'],
    models: (db) => [stockModel(db), reservationModel(db), restockModel(db)],
    handlers: (ctx) => ({
      ...commandHandlers(partsOf(ctx).engine),
      // A return's items back into stock (restock/), for the return saga.
      'inventory.restock': restockHandler({
        Restock: restockModel(ctx.db),
        Stock: stockModel(ctx.db),
        aggregates: ctx.aggregates,
        writer: ctx.writer,
        logger: ctx.logger,
      }),
    }),
    routes: (router, ctx) => {
      stockRoutes(router, { Stock: stockModel(ctx.db), ledger: partsOf(ctx).ledger, auth: ctx.config.auth });
      reservationRoutes(router, { Reservation: reservationModel(ctx.db), auth: ctx.config.auth });
    },
    onStart: async (ctx) => {
      await partsOf(ctx).engine.recover(options.recovery ?? defaultRecoveryOptions);
    },
  });
}
