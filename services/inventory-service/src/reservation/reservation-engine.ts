import type { Logger } from '@saga/logging';
import type { SingleWriter } from '@saga/service-kit';
import type { ReservationModel } from '../model/reservation-model.ts';
import type { StockLedger } from '../model/stock-ledger.ts';
import { applyCommand } from './apply-command.ts';
import type { CommandContext, InventoryCommand } from './inventory-command.ts';
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
  /** The service's single writer, shared with the ledger and the outbox relay. */
  readonly writer: SingleWriter;
  readonly logger: Logger;
  /** Called after a write that put a reply in an outbox (the service passes the relay's nudge). */
  readonly onOutbox?: (orderId: string) => void;
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
    writer: deps.writer,
    logger: deps.logger.child({ component: 'reservations' }),
    onOutbox: deps.onOutbox ?? (() => undefined),
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
