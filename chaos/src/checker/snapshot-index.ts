import type {
  AccountFact,
  LedgerEntryFact,
  OrderFact,
  PaymentFact,
  ReservationFact,
  RestockFact,
  ReturnFact,
  SagaFact,
  Snapshot,
  StockFact,
} from './facts.ts';

/** A snapshot's facts grouped by order id, return id, SKU and customer, for the rules to look things up. */
export interface SnapshotIndex {
  readonly orders: ReadonlyMap<string, OrderFact>;
  /** Order sagas per order (the `order` definition's). */
  readonly sagasOfOrder: ReadonlyMap<string, readonly SagaFact[]>;
  /** Return sagas per return id (the `return` definition's, whose instance is the return). */
  readonly sagasOfReturn: ReadonlyMap<string, readonly SagaFact[]>;
  /** Every return the orders record, by return id (more than one when an order records it twice). */
  readonly returns: ReadonlyMap<string, readonly ReturnFact[]>;
  readonly reservationOfOrder: ReadonlyMap<string, ReservationFact>;
  readonly paymentOfOrder: ReadonlyMap<string, PaymentFact>;
  readonly chargesOfOrder: ReadonlyMap<string, readonly LedgerEntryFact[]>;
  /** An order's own refunds (of its charge), not its returns'. */
  readonly refundsOfOrder: ReadonlyMap<string, readonly LedgerEntryFact[]>;
  /** The returns each payment records it refunded, by return id (one entry each). */
  readonly paymentRefundsOfReturn: ReadonlyMap<string, readonly { amountMinor: number }[]>;
  /** The refunds of each return, by return id. */
  readonly refundsOfReturn: ReadonlyMap<string, readonly LedgerEntryFact[]>;
  /** Holds per order: the SKU of each (one per hold marker found). */
  readonly holdsOfOrder: ReadonlyMap<string, readonly string[]>;
  /** Inventory's restock record of each return. */
  readonly restockOfReturn: ReadonlyMap<string, RestockFact>;
  /** Restocks per return: the SKU and quantity of each marker found. */
  readonly restocksOfReturn: ReadonlyMap<string, readonly { sku: string; quantity: number }[]>;
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
  const restocks = snapshot.stocks.flatMap((s) =>
    s.restocks.map((r) => ({ returnId: r.returnId, sku: s.sku, quantity: r.quantity })),
  );
  const refunds = snapshot.accounts.flatMap((a) => a.refunds);
  const returnSagas = snapshot.sagas.filter((s) => s.saga === 'return');
  return {
    orders: new Map(snapshot.orders.map((o) => [o.orderId, o])),
    sagasOfOrder: group(
      snapshot.sagas.filter((s) => s.saga === 'order'),
      (s) => s.orderId,
    ),
    sagasOfReturn: group(returnSagas, (s) => s.returnId ?? ''),
    returns: group(
      snapshot.orders.flatMap((o) => o.returns),
      (r) => r.returnId,
    ),
    reservationOfOrder: new Map(snapshot.reservations.map((r) => [r.orderId, r])),
    paymentOfOrder: new Map(snapshot.payments.map((p) => [p.orderId, p])),
    chargesOfOrder: group(
      snapshot.accounts.flatMap((a) => a.charges),
      (c) => c.orderId,
    ),
    refundsOfOrder: group(
      refunds.filter((r) => r.returnId === undefined),
      (r) => r.orderId,
    ),
    paymentRefundsOfReturn: group(
      snapshot.payments.flatMap((p) => p.returnRefunds),
      (r) => r.returnId,
    ),
    refundsOfReturn: group(
      refunds.filter((r) => r.returnId !== undefined),
      (r) => r.returnId ?? '',
    ),
    holdsOfOrder,
    restockOfReturn: new Map(snapshot.restocks.map((r) => [r.returnId, r])),
    restocksOfReturn: new Map(
      [...group(restocks, (r) => r.returnId)].map(([k, v]) => [
        k,
        v.map(({ sku, quantity }) => ({ sku, quantity })),
      ]),
    ),
    stocks: new Map(snapshot.stocks.map((s) => [s.sku, s])),
    accounts: new Map(snapshot.accounts.map((a) => [a.customerId, a])),
  };
}
