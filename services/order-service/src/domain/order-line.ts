/**
 * One line of an order as the API takes it: which product and how many. No price: prices belong to
 * the shop, and the saga prices each line from the catalogue (see priced-line.ts).
 */
export interface OrderLine {
  readonly sku: string;
  readonly quantity: number;
}
