import type { StockDocument } from '../model/stock-model.ts';

/** A SKU's stock as the API shows it: the counters, not the hold markers. */
export interface StockView {
  readonly sku: string;
  readonly available: number;
  readonly reserved: number;
  readonly sold: number;
  /** Net units put in; `available + reserved + sold` always equals it. */
  readonly received: number;
}

export function stockView(
  stock: Pick<StockDocument, '_id' | 'available' | 'reserved' | 'sold' | 'received'>,
): StockView {
  return {
    sku: stock._id,
    available: stock.available,
    reserved: stock.reserved,
    sold: stock.sold,
    received: stock.received,
  };
}
