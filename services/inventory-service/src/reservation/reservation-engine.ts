import type { Logger } from '@saga/logging';
import type { ReservationModel } from '../model/reservation-model.ts';
import type { StockLedger } from '../model/stock-ledger.ts';
import { applyCommand } from './apply-command.ts';
import type { CommandContext, InventoryCommand } from './inventory-command.ts';
import { createKeyedLock } from '../concurrency/keyed-lock.ts';
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

/** The reservation engine of one process: its commands and its recovery sweep share one lock per order. */
export function createReservationEngine(deps: ReservationEngineDeps): ReservationEngine {
  const lock = createKeyedLock();
  const reservationDeps = {
    Reservation: deps.Reservation,
    ledger: deps.ledger,
    logger: deps.logger.child({ component: 'reservations' }),
    onOutbox: deps.onOutbox ?? (() => undefined),
    now: deps.now ?? (() => new Date()),
  };
  return {
    apply: (command, message) =>
      lock.run(command.message.orderId, () => applyCommand(reservationDeps, command, message)),
    recover: (options = defaultRecoveryOptions) => recoverReservations(reservationDeps, lock, options),
  };
}
