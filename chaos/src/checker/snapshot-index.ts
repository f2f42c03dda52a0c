import type {
  AccountFact,
  LedgerEntryFact,
  OrderFact,
  PaymentFact,
  ReservationFact,
  SagaFact,
  Snapshot,
  StockFact,
} from './facts.ts';

/** A snapshot's facts grouped by order id, SKU and customer, for the rules to look things up. */
export interface SnapshotIndex {
  readonly orders: ReadonlyMap<string, OrderFact>;
  readonly sagasOfOrder: ReadonlyMap<string, readonly SagaFact[]>;
  readonly reservationOfOrder: ReadonlyMap<string, ReservationFact>;
  readonly paymentOfOrder: ReadonlyMap<string, PaymentFact>;
  readonly chargesOfOrder: ReadonlyMap<string, readonly LedgerEntryFact[]>;
  readonly refundsOfOrder: ReadonlyMap<string, readonly LedgerEntryFact[]>;
  /** Holds per order: the SKU of each (one per hold marker found). */
  readonly holdsOfOrder: ReadonlyMap<string, readonly string[]>;
  readonly stocks: ReadonlyMap<string, StockFact>;
  readonly accounts: ReadonlyMap<string, AccountFact>;
}

export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  const group = <T>(items: readonly T[], keyOf: (item: T) => string) => {
    const map = new Map<string, T[]>();
    for (const item of items) {
      const key = keyOf(item);
      map.set(key, [...(map.get(key) ?? []), item]);
    }
    return map;
  };
  const holds = snapshot.stocks.flatMap((s) => s.holds.map((h) => ({ orderId: h.orderId, sku: s.sku })));
  const holdsOfOrder = new Map([...group(holds, (h) => h.orderId)].map(([k, v]) => [k, v.map((h) => h.sku)]));
  return {
    orders: new Map(snapshot.orders.map((o) => [o.orderId, o])),
    sagasOfOrder: group(snapshot.sagas, (s) => s.orderId),
    reservationOfOrder: new Map(snapshot.reservations.map((r) => [r.orderId, r])),
    paymentOfOrder: new Map(snapshot.payments.map((p) => [p.orderId, p])),
    chargesOfOrder: group(
      snapshot.accounts.flatMap((a) => a.charges),
      (c) => c.orderId,
    ),
    refundsOfOrder: group(
      snapshot.accounts.flatMap((a) => a.refunds),
      (r) => r.orderId,
    ),
    holdsOfOrder,
    stocks: new Map(snapshot.stocks.map((s) => [s.sku, s])),
    accounts: new Map(snapshot.accounts.map((a) => [a.customerId, a])),
  };
}
