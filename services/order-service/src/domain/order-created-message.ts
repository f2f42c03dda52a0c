import type { OrderCreated } from '@saga/contracts';
import type { OrderLine } from './order-line.ts';

/** What an order.created message is made from: the order as it was placed. */
export interface PlacedOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly currency: string;
  readonly items: readonly OrderLine[];
  /** In minor units of `currency`. */
  readonly total: number;
  readonly createdAt: Date;
}

/** The order.created message announcing a placed order: every amount as Money in the order's currency. */
export function orderCreatedMessage(order: PlacedOrder): OrderCreated {
  const money = (amountMinor: number) => ({ amountMinor, currency: order.currency });
  return {
    orderId: order.orderId,
    customerId: order.customerId,
    currency: order.currency,
    items: order.items.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: money(line.unitPrice),
    })),
    total: money(order.total),
    note: null,
    createdAt: order.createdAt,
  };
}
