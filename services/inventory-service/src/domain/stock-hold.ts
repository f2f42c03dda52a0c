/**
 * The marker an order leaves on a SKU while it holds stock there. It makes every per-SKU step
 * idempotent: holding is guarded by its absence, and giving back or selling by its presence, in the
 * same single-document update that moves the counters. Built only by `holdOf`, so that its stored
 * form (field order included) is exactly what `$pullAll` later removes: FerretDB compares whole values.
 */
export interface StockHold {
  readonly orderId: string;
  readonly quantity: number;
}

export function holdOf(orderId: string, quantity: number): StockHold {
  return { orderId, quantity };
}
