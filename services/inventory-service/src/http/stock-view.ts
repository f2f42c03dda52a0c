import type { StockDocument } from '../model/stock-model.ts';

/** A SKU's stock as the API shows it: the counters and the catalogue price, not the hold markers. */
export interface StockView {
  readonly sku: string;
  readonly available: number;
  readonly reserved: number;
  readonly sold: number;
  /** Net units put in; `available + reserved + sold` always equals it. */
  readonly received: number;
  /** The catalogue price of one unit in minor units of `currency`; null while the SKU has none (not for sale). */
  readonly price: number | null;
  readonly currency: string | null;
}

export function stockView(
  stock: Pick<StockDocument, '_id' | 'available' | 'reserved' | 'sold' | 'received' | 'price' | 'currency'>,
): StockView {
  return {
    sku: stock._id,
    available: stock.available,
    reserved: stock.reserved,
    sold: stock.sold,
    received: stock.received,
    price: stock.price ?? null,
    currency: stock.currency ?? null,
  };
}
