import { finishedReservationsCollection } from '@saga/inventory-service/src/model/reservation-model.ts';
import { finishedOrdersCollection } from '@saga/order-service/src/model/order-model.ts';
import { finishedPaymentsCollection } from '@saga/payment-service/src/model/payment.ts';
import { finishedSagasCollection } from '@saga/saga-runtime';

/** One collection of one service's database. */
export interface StoreCollection {
  readonly db: string;
  readonly collection: string;
}

/** A service's database, named as service-kit's runService names it (no dbName option is passed). */
function databaseOf(service: string): string {
  return service.replaceAll('-', '_');
}

/**
 * Where a finished order saga leaves its documents for good: each aggregate's finished archive, and
 * the payment's settled ledger entry. The archive names come from the models themselves, so the bench
 * follows a rename instead of growing a collection nobody reads. The hot collections (sagas, orders,
 * reservations, payments, stocks, accounts) are not here on purpose: a finished saga leaves nothing
 * in them, and the growth section must not touch what the running platform writes.
 */
export const finishedSagaStores = {
  sagas: { db: databaseOf('orchestrator-service'), collection: finishedSagasCollection },
  orders: { db: databaseOf('order-service'), collection: finishedOrdersCollection },
  reservations: { db: databaseOf('inventory-service'), collection: finishedReservationsCollection },
  payments: { db: databaseOf('payment-service'), collection: finishedPaymentsCollection },
  // The ledger entry model's collection (payment-service model/ledger-entry.ts), which exports no name.
  ledgerEntries: { db: databaseOf('payment-service'), collection: 'ledger_entries' },
} as const satisfies Readonly<Record<string, StoreCollection>>;

export type FinishedSagaPart = keyof typeof finishedSagaStores;

export const finishedSagaParts = Object.keys(finishedSagaStores) as readonly FinishedSagaPart[];

/** A stored document as the driver reads it: its fields, whatever they are. */
export type StoredDocument = Readonly<Record<string, unknown>>;

/** The documents one finished saga left, per part: one each, and one ledger entry per charge or refund. */
export type FinishedSaga = Readonly<Record<FinishedSagaPart, readonly StoredDocument[]>>;
