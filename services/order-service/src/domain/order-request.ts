import type { OrderLine } from './order-line.ts';

/** What a customer asks for when placing an order: no prices, which are the shop's. */
export interface OrderRequest {
  readonly customerId: string;
  /**
   * ISO 4217 alphabetic code, e.g. EUR: the currency the customer pays in. Every line's catalogue price
   * must be in it, or the saga cancels the order (CURRENCY_MISMATCH).
   */
  readonly currency: string;
  readonly items: readonly OrderLine[];
}
