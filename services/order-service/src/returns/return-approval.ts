import type { ReturnRejectReason } from '@saga/contracts';
import type { OrderLine } from '../domain/order-line.ts';
import type { PricedLine } from '../domain/priced-line.ts';
import type { OrderStatus } from '../domain/order-status.ts';
import { holdingStatuses, type OrderReturn } from './order-return.ts';

/** What the order decides of a return it is asked to approve. */
export type ReturnApproval =
  | { readonly kind: 'approved'; readonly pricedLines: readonly PricedLine[]; readonly refund: number }
  | { readonly kind: 'rejected'; readonly reason: ReturnRejectReason; readonly detail: string };

/**
 * Whether a return fits its order: the order is CONFIRMED, and no line sends back more units than the
 * order bought of its SKU, counting the order's other returns that hold quantities (approved or
 * completed; rejected ones hold nothing). Approved, the lines are priced at the unit prices the order
 * was charged (its priced lines, from order.confirm), and the refund is their total.
 */
export function approveReturn(
  order: { readonly status: OrderStatus; readonly pricedLines?: readonly PricedLine[] },
  returnId: string,
  items: readonly OrderLine[],
  others: readonly OrderReturn[],
): ReturnApproval {
  if (order.status !== 'CONFIRMED')
    return {
      kind: 'rejected',
      reason: 'ORDER_NOT_CONFIRMED',
      detail: `the order is ${order.status}; only a CONFIRMED order's lines can be returned`,
    };
  const bought = new Map<string, PricedLine>();
  for (const line of order.pricedLines ?? []) bought.set(line.sku, line);
  const held = new Map<string, number>();
  for (const other of others)
    if (other.returnId !== returnId && holdingStatuses.includes(other.status))
      for (const line of other.items) held.set(line.sku, (held.get(line.sku) ?? 0) + line.quantity);
  const tooMany = items.flatMap((line) => {
    const boughtQuantity = bought.get(line.sku)?.quantity ?? 0;
    const returned = held.get(line.sku) ?? 0;
    return line.quantity + returned > boughtQuantity
      ? [`${line.sku}: ${line.quantity} asked, ${boughtQuantity} bought, ${returned} returned before`]
      : [];
  });
  if (tooMany.length > 0) return { kind: 'rejected', reason: 'MORE_THAN_BOUGHT', detail: tooMany.join('; ') };
  const pricedLines = items.map((line) => ({
    sku: line.sku,
    quantity: line.quantity,
    unitPrice: bought.get(line.sku)?.unitPrice ?? 0,
  }));
  const refund = pricedLines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  return { kind: 'approved', pricedLines, refund };
}
