import type { OrderLine } from './order-line.ts';

/** What a customer asks for when placing an order. Amounts are in minor units of `currency`. */
export interface OrderRequest {
  readonly customerId: string;
  /** ISO 4217 alphabetic code, e.g. EUR. */
  readonly currency: string;
  readonly items: readonly OrderLine[];
}
