import type { CancelReason } from '@saga/contracts';
import type { AggregateFields } from '@saga/service-kit';
import type { OrderLine } from '../domain/order-line.ts';
import type { OrderAttention } from '../domain/pending-order-redrive.ts';
import type { OrderStatus } from '../domain/order-status.ts';
import type { PricedLine } from '../domain/priced-line.ts';
import type { OrderReturn } from '../returns/order-return.ts';

/**
 * One order as stored: its state, plus the two lists that make writes to it safe without
 * transactions. `outbox` holds the messages a write caused (the relay publishes and removes them);
 * `processedMessageIds` holds the ids of the saga commands already applied (so a redelivery is a no-op).
 */
export interface OrderDocument extends AggregateFields {
  /** The order id (a UUID). */
  _id: string;
  customerId: string;
  /** ISO 4217 code; every amount of the order is in its minor unit. */
  currency: string;
  /** What was ordered. (Orders placed before prices belonged to the shop also hold the caller's unitPrice here; it is not read.) */
  items: OrderLine[];
  /**
   * The lines at the shop's catalogue prices, from order.confirm; empty until the order is confirmed.
   * Absent on orders placed before prices belonged to the shop.
   */
  pricedLines?: PricedLine[];
  /**
   * What the customer was charged, in minor units: the sum over the priced lines, from order.confirm;
   * null until then. (Orders placed before prices hold the total the caller's prices came to.)
   */
  total: number | null;
  status: OrderStatus;
  /** Why the saga cancelled it; null unless CANCELLED. */
  cancelReason: CancelReason | null;
  /** The orchestrator's explanation of the cancellation, for support staff; not part of the API. */
  cancelDetail: string | null;
  /** The saga that settled the order, from order.confirm or order.cancel; null while PENDING. */
  sagaId: string | null;
  /** The client's Idempotency-Key, if it sent one; the order id is derived from it. */
  idempotencyKey: string | null;
  /** SHA-256 of the canonical request body, to tell a retry from a reuse of the key with another body. */
  requestFingerprint: string | null;
  createdAt: Date;
  updatedAt: Date;
  /**
   * The span that placed the order (its HTTP request's): what the sweep's re-sent order.created is
   * caused by, so the order stays one trace. Absent on orders placed before it was kept.
   */
  traceparent?: string;
  /** How often the PENDING-order sweep published order.created again; absent (0) for most orders. */
  redrives?: number;
  /** When it last did; absent until then. */
  redrivenAt?: Date | null;
  /** Set when the sweep gave up re-driving a PENDING order: a person must look. */
  attention?: OrderAttention | null;
  /** The customer's returns of the order's lines, oldest first (returns/order-return.ts); absent until the first. */
  returns?: OrderReturn[];
}
