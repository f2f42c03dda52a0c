/**
 * Upper bounds on what one order may hold. With inventory's highest catalogue price (10^9 minor units)
 * they keep every total a safe integer (lines × quantity × unit price stays below 2^53: 100 × 10,000 ×
 * 10^9 = 10^15) and every quantity an Avro `int`, and keep a single order document small.
 */
export interface OrderLimits {
  /** Most lines in one order. */
  readonly maxLines: number;
  /** Most units on one line. */
  readonly maxQuantity: number;
  /** Longest SKU and customer id, in characters. */
  readonly maxIdLength: number;
}

export const orderLimits: OrderLimits = {
  maxLines: 100,
  maxQuantity: 10_000,
  maxIdLength: 128,
};
