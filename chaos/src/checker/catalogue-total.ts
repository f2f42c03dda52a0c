import type { OrderFact, RunInputs } from './facts.ts';

/**
 * What an order costs at the run's catalogue prices: the sum of quantity × the SKU's price. Prices
 * belong to the shop (the order carries none), so this, not anything the order says, is what a
 * confirmed order must have been charged. Undefined when a line's SKU has no price (it was never put
 * in), so the order can never be confirmed.
 */
export function catalogueTotal(
  order: Pick<OrderFact, 'items'>,
  inputs: Pick<RunInputs, 'prices'>,
): number | undefined {
  let total = 0;
  for (const line of order.items) {
    const price = inputs.prices[line.sku];
    if (price === undefined) return undefined;
    total += line.quantity * price;
  }
  return total;
}
