import type { Logger } from '@saga/logging';
import type { AggregateRuntime, SingleWriter } from '@saga/service-kit';
import type { CommandContext, InventoryCommand } from '../domain/inventory-command.ts';
import type { ReservationModel } from '../model/reservation-model.ts';
import type { StockLedger } from '../model/stock-ledger.ts';
import { applyCommand } from './apply-command.ts';
import {
  defaultRecoveryOptions,
  recoverReservations,
  type RecoveryOptions,
  type RecoveryReport,
} from './recover-reservations.ts';

export interface ReservationEngineDeps {
  readonly Reservation: ReservationModel;
  /** The process's stock ledger, shared with the HTTP routes. */
  readonly ledger: StockLedger;
  /** The service's aggregate runtime (`ctx.aggregates`), shared with the ledger: every write goes through it. */
  readonly aggregates: AggregateRuntime;
  /** The service's single writer, the runtime's: a command holds its order's reservation throughout. */
  readonly writer: SingleWriter;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** Applies commands and recovers reservations, one order at a time per process. */
export interface ReservationEngine {
  apply(command: InventoryCommand, message: CommandContext): Promise<void>;
  recover(options?: RecoveryOptions): Promise<RecoveryReport>;
}

/** The reservation engine of one process: its commands and its recovery sweep write each order's reservation as its single writer. */
export function createReservationEngine(deps: ReservationEngineDeps): ReservationEngine {
  const reservationDeps = {
    Reservation: deps.Reservation,
    ledger: deps.ledger,
    aggregates: deps.aggregates,
    writer: deps.writer,
    logger: deps.logger.child({ component: 'reservations' }),
    now: deps.now ?? (() => new Date()),
  };
  return {
    apply: (command, message) =>
      deps.writer.run(deps.Reservation, command.message.orderId, () =>
        applyCommand(reservationDeps, command, message),
      ),
    recover: (options = defaultRecoveryOptions) => recoverReservations(reservationDeps, options),
  };
}
