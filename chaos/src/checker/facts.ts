/**
 * What the checker judges: plain facts read from the four services' databases (see read-snapshot.ts),
 * decoupled from the services' own models so that the checker can be fed hand-made, broken histories.
 */

/** A line as ordered: no price, which is the shop's (see RunInputs.prices). */
export interface OrderLineFact {
  readonly sku: string;
  readonly quantity: number;
}

export interface OrderFact {
  readonly orderId: string;
  readonly customerId: string;
  readonly status: string;
  readonly cancelReason: string | null;
  /** What the order records it was charged, from order.confirm; null until it is confirmed. */
  readonly total: number | null;
  readonly items: readonly OrderLineFact[];
  /** Messages the order service wrote but has not yet published. */
  readonly outboxSize: number;
  /** The customer's returns of the order's lines, as the order records them (none for most orders). */
  readonly returns: readonly ReturnFact[];
}

/**
 * One return of an order's lines, as the order records it: REQUESTED, APPROVED (its quantities held),
 * then COMPLETED (restocked and refunded) or REJECTED.
 */
export interface ReturnFact {
  readonly returnId: string;
  readonly status: string;
  readonly items: readonly OrderLineFact[];
  /** What the order records was given back, once COMPLETED; null before and when REJECTED. */
  readonly refunded: number | null;
  readonly rejectReason: string | null;
}

export interface HistoryFact {
  /**
   * RECEIVED (a message consumed), SENT (a command written to the outbox), TIMEOUT (a deadline that
   * passed) or RETRY (a person re-drove the saga). Every entry but SENT is one update of the saga.
   */
  readonly direction: string;
  readonly topic: string;
  readonly messageId: string;
  readonly at: number;
  /** RECEIVED: STARTED, APPLIED, IGNORED or REJECTED. */
  readonly outcome?: string | null;
  /** Every entry but SENT: the saga's status after it. */
  readonly status?: string | null;
}

export interface SagaFact {
  readonly sagaId: string;
  /** The definition it runs: `order`, or `return` (one per return, keyed by its order too). */
  readonly saga: string;
  readonly orderId: string;
  /** A return saga's return id (the saga's instance); null for an order saga. */
  readonly returnId: string | null;
  readonly status: string;
  readonly steps: readonly { readonly name: string; readonly status: string }[];
  readonly history: readonly HistoryFact[];
  readonly version: number;
  readonly outboxSize: number;
}

export interface ReservationFact {
  readonly orderId: string;
  readonly status: string;
  readonly outboxSize: number;
}

export interface PaymentFact {
  readonly orderId: string;
  readonly status: string;
  readonly amountMinor: number;
  /** The returns the payment records it refunded, one entry per return it paid back. */
  readonly returnRefunds: readonly { readonly returnId: string; readonly amountMinor: number }[];
  readonly outboxSize: number;
}

export interface StockFact {
  readonly sku: string;
  readonly available: number;
  readonly reserved: number;
  /** Units sold and not taken back by a return. */
  readonly sold: number;
  readonly received: number;
  readonly holds: readonly { readonly orderId: string; readonly quantity: number }[];
  /**
   * The returns inventory took units of this SKU back for (sold → available), one marker per return
   * and SKU: what was returned is their sum.
   */
  readonly restocks: readonly { readonly returnId: string; readonly quantity: number }[];
}

/** One return's restock, as inventory records it: PENDING while its units go back, then DONE or FAILED. */
export interface RestockFact {
  readonly returnId: string;
  readonly orderId: string;
  readonly status: string;
  readonly outboxSize: number;
}

export interface LedgerEntryFact {
  readonly orderId: string;
  readonly amountMinor: number;
  /** Set on a return's refund: the return it gives the money back for. Absent on an order's own. */
  readonly returnId?: string;
}

export interface AccountFact {
  readonly customerId: string;
  readonly balance: number;
  readonly funded: number;
  readonly charged: number;
  /** Everything given back: orders' refunds and returns' refunds. */
  readonly refunded: number;
  readonly charges: readonly LedgerEntryFact[];
  /** Orders' refunds, and returns' refunds (those with a `returnId`). */
  readonly refunds: readonly LedgerEntryFact[];
}

/** Everything the run left in the four databases, for its own orders, SKUs and customers. */
export interface Snapshot {
  readonly orders: readonly OrderFact[];
  readonly sagas: readonly SagaFact[];
  readonly reservations: readonly ReservationFact[];
  readonly payments: readonly PaymentFact[];
  readonly stocks: readonly StockFact[];
  readonly restocks: readonly RestockFact[];
  readonly accounts: readonly AccountFact[];
}

/** What the run put in: the only facts the outcome may depend on. */
export interface RunInputs {
  /** Units put in per SKU (one PUT each). SKUs the orders name but absent here are unknown to inventory. */
  readonly stock: Readonly<Record<string, number>>;
  /** The catalogue price per SKU in minor units (EUR), set with its stock: what an order costs comes from here. */
  readonly prices: Readonly<Record<string, number>>;
  /** Starting balance per customer (one PUT each). Customers absent here have no account. */
  readonly balances: Readonly<Record<string, number>>;
  /** Order ids the order API answered 202 for. */
  readonly accepted: readonly string[];
  /** Returns the returns API answered 202 for, with their orders. */
  readonly acceptedReturns: readonly AcceptedReturn[];
}

/** A return the API accepted (202 with its return id). */
export interface AcceptedReturn {
  readonly orderId: string;
  readonly returnId: string;
}
