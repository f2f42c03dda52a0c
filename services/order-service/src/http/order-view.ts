import type { CancelReason, ReturnRejectReason } from '@saga/contracts';
import type { OrderLine } from '../domain/order-line.ts';
import type { PricedLine } from '../domain/priced-line.ts';
import type { OrderStatus } from '../domain/order-status.ts';
import type { OrderDocument } from '../model/order-document.ts';
import type { ReturnStatus } from '../returns/order-return.ts';

/** An order as the API shows it. Amounts are integers in minor units of `currency`. */
export interface OrderView {
  readonly orderId: string;
  readonly customerId: string;
  readonly status: OrderStatus;
  /** Only on a CANCELLED order. */
  readonly cancelReason?: CancelReason;
  /** What was ordered. */
  readonly items: readonly OrderLine[];
  /** The lines at the shop's catalogue prices, once the order is confirmed; empty before. */
  readonly pricedLines: readonly PricedLine[];
  /** What the customer was charged, once the order is confirmed; null before (the price is the shop's, known only then). */
  readonly total: number | null;
  readonly currency: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Only on an order the PENDING-order sweep gave up on: still PENDING, and a person must look. */
  readonly attention?: { readonly reason: string; readonly detail: string; readonly at: string };
  /** The customer's returns of the order's lines, oldest first; empty when there are none. */
  readonly returns: readonly ReturnView[];
}

/**
 * A return as the API shows it: REQUESTED, APPROVED (restocking and refunding), then COMPLETED with
 * `refunded` (minor units of the order's currency), or REJECTED with `rejectReason`.
 */
export interface ReturnView {
  readonly returnId: string;
  readonly status: ReturnStatus;
  readonly items: readonly OrderLine[];
  /** What the customer got back, once COMPLETED; null before, and for a rejected return. */
  readonly refunded: number | null;
  /** Only on a REJECTED return. */
  readonly rejectReason?: ReturnRejectReason;
  readonly requestedAt: string;
  readonly updatedAt: string;
}

/** The fields a view is made from: what reads project, so outbox and inbox never leave the store. */
export const orderViewProjection = {
  customerId: 1,
  status: 1,
  cancelReason: 1,
  items: 1,
  pricedLines: 1,
  total: 1,
  currency: 1,
  createdAt: 1,
  updatedAt: 1,
  attention: 1,
  returns: 1,
} as const;

export type OrderViewSource = Pick<OrderDocument, '_id' | keyof typeof orderViewProjection>;

export function orderView(order: OrderViewSource): OrderView {
  return {
    orderId: order._id,
    customerId: order.customerId,
    status: order.status,
    ...(order.cancelReason ? { cancelReason: order.cancelReason } : {}),
    items: order.items.map(({ sku, quantity }) => ({ sku, quantity })),
    pricedLines: (order.pricedLines ?? []).map(({ sku, quantity, unitPrice }) => ({
      sku,
      quantity,
      unitPrice,
    })),
    total: order.total,
    currency: order.currency,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    ...(order.attention ? { attention: { ...order.attention, at: order.attention.at.toISOString() } } : {}),
    returns: (order.returns ?? []).map((ret) => ({
      returnId: ret.returnId,
      status: ret.status,
      items: ret.items.map(({ sku, quantity }) => ({ sku, quantity })),
      refunded: ret.refunded,
      ...(ret.status === 'REJECTED' && ret.rejectReason ? { rejectReason: ret.rejectReason } : {}),
      requestedAt: ret.requestedAt.toISOString(),
      updatedAt: ret.updatedAt.toISOString(),
    })),
  };
}
