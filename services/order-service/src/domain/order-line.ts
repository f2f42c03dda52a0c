/** One line of an order as the API takes and shows it: the unit price in minor units of the order's currency. */
export interface OrderLine {
  readonly sku: string;
  readonly quantity: number;
  readonly unitPrice: number;
}
