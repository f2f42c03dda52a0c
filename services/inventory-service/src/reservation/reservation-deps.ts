import type { Logger } from '@saga/logging';
import type { SingleWriter } from '@saga/service-kit';
import type { ReservationModel } from '../model/reservation-model.ts';
import type { StockLedger } from '../model/stock-ledger.ts';

/** What driving reservations needs, passed in as one object. */
export interface ReservationDeps {
  readonly Reservation: ReservationModel;
  /** The process's one ledger, shared with the HTTP routes. */
  readonly ledger: StockLedger;
  /** The service's single writer: a reservation is written as its order's, inside it the SKUs as theirs. */
  readonly writer: SingleWriter;
  readonly logger: Logger;
  /** Called after a write that put a reply in an outbox, so the relay sends it now rather than at its next poll. */
  readonly onOutbox: (orderId: string) => void;
  readonly now: () => Date;
}
