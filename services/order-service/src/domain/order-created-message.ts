import type { OrderCreated } from '@saga/contracts';
import type { OrderLine } from './order-line.ts';

/** What an order.created message is made from: the order as it was placed. */
export interface PlacedOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly currency: string;
  readonly items: readonly OrderLine[];
  readonly createdAt: Date;
}

/**
 * The order.created message announcing a placed order. It carries no prices: the unit prices and the
 * total are the schema's deprecated zeros in the order's currency (old readers still find them), and
 * the saga prices the lines from inventory's catalogue.
 */
export function orderCreatedMessage(order: PlacedOrder): OrderCreated {
  const zero = { amountMinor: 0, currency: order.currency };
  return {
    orderId: order.orderId,
    customerId: order.customerId,
    currency: order.currency,
    items: order.items.map((line) => ({ sku: line.sku, quantity: line.quantity, unitPrice: { ...zero } })),
    total: { ...zero },
    note: null,
    createdAt: order.createdAt,
  };
}
