import type { Logger } from '@saga/logging';
import type { AggregateRuntime, SingleWriter } from '@saga/service-kit';
import type { ReservationModel } from '../model/reservation-model.ts';
import type { StockLedger } from '../model/stock-ledger.ts';

/** What driving reservations needs, passed in as one object. */
export interface ReservationDeps {
  readonly Reservation: ReservationModel;
  /** The process's one ledger, shared with the HTTP routes. */
  readonly ledger: StockLedger;
  /**
   * The service's aggregate runtime: every write to a reservation (and, through the ledger, to a SKU)
   * is one `apply`; it records message ids, appends the outbox and nudges the relay.
   */
  readonly aggregates: AggregateRuntime;
  /**
   * The service's single writer: a command or a recovery holds its order's reservation for all its
   * writes (the SKUs are written inside it, never the other way round).
   */
  readonly writer: SingleWriter;
  readonly logger: Logger;
  readonly now: () => Date;
}
