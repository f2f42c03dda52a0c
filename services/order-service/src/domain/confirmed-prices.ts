import type { ConfirmOrder } from '@saga/contracts';
import type { PricedLine } from './priced-line.ts';

/** What a confirmed order records of the shop's prices, in minor units of the order's currency. */
export interface ConfirmedPrices {
  readonly pricedLines: PricedLine[];
  readonly total: number;
}

/**
 * The priced lines and the total an order.confirm carries, as the order stores them. Inventory held
 * every line in the order's currency (the saga asks it for that currency), so the amounts are the
 * order's minor units. An order.confirm without a total (from an orchestrator before prices) records
 * nothing, so an order keeps whatever it had.
 */
export function confirmedPrices(
  message: Pick<ConfirmOrder, 'pricedLines' | 'total'>,
): ConfirmedPrices | Record<string, never> {
  if (message.total === null) return {};
  return {
    pricedLines: message.pricedLines.map(({ sku, quantity, unitPrice }) => ({
      sku,
      quantity,
      unitPrice: unitPrice.amountMinor,
    })),
    total: message.total.amountMinor,
  };
}
