import { InventoryError } from '../domain/inventory-error.ts';

/** The stock of a SKU changed under every attempt to set it; trying again later may well succeed. */
export class StockContentionError extends InventoryError {
  readonly code = 'STOCK_CONTENTION';
  readonly retriable = true;
  constructor(
    readonly sku: string,
    readonly attempts: number,
  ) {
    super(`stock of ${sku} kept changing during ${attempts} attempts to set it`);
    this.name = 'StockContentionError';
  }
}
