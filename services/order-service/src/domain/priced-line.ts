/**
 * One line of a confirmed order as the shop priced it (inventory, from its catalogue, when it held
 * the stock): the unit price in minor units of the order's currency.
 */
export interface PricedLine {
  readonly sku: string;
  readonly quantity: number;
  readonly unitPrice: number;
}
