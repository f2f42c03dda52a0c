import type { Money } from '@saga/contracts';

/**
 * The highest catalogue price, in minor units (10^9 cents is ten million euros). With the order
 * service's limits (100 lines of at most 10,000 units) an order's total stays far below 2^53.
 */
export const maxPriceMinor = 1_000_000_000;

/** What of a SKU's stock says its price: the admin sets both together, or (stock from before prices) neither. */
export interface PriceFields {
  /** The price of one unit in minor units of `currency`; absent or null when none was ever set. */
  readonly price?: number | null;
  /** ISO 4217 code, upper case; absent or null exactly when `price` is. */
  readonly currency?: string | null;
}

/** The SKU's catalogue price as Money, or null when it has none (it is then not for sale). */
export function cataloguePrice(stock: PriceFields): Money | null {
  // `==`: stock from before prices has neither field at all.
  if (stock.price == null || stock.currency == null) return null;
  return { amountMinor: stock.price, currency: stock.currency };
}
