import type Router from '@koa/router';
import type { Config } from '@saga/config';
import { jsonBodyParser, NotFoundError, parseBody, requireAccess } from '@saga/service-kit';
import type { StockLedger } from '../model/stock-ledger.ts';
import type { StockModel } from '../model/stock-model.ts';
import { stockView } from './stock-view.ts';
import { getStock, setStock, skuParams } from './inventory-operations.ts';
import { setStockBody } from './set-stock-body.ts';

/**
 * - `PUT /stock/:sku {available, price, currency}` (admin token): sets the free stock and the catalogue
 *   price (creating the SKU), 200 with the stock; 400 VALIDATION_FAILED for a malformed SKU or body
 *   (a missing price included); 409 CONFLICT if another process kept changing it.
 * - `GET /stock/:sku` (any caller: customers see the catalogue): 200 with the stock; 404 NOT_FOUND for an unknown SKU.
 *
 * Reserved and sold units are not the admin's to set: they move only with orders.
 */
export function stockRoutes(
  router: Router,
  deps: { readonly Stock: StockModel; readonly ledger: StockLedger; readonly auth: Config['auth'] },
): void {
  router.put(setStock.path, requireAccess(deps.auth, setStock), jsonBodyParser(), async (ctx) => {
    const { sku } = parseBody(skuParams, ctx.params);
    const setting = parseBody(setStockBody, ctx.request.body);
    // Another process that keeps changing the SKU makes this a 409 (the error middleware's GuardLostError).
    ctx.body = stockView(await deps.ledger.setStock(sku, setting));
  });

  router.get(getStock.path, requireAccess(deps.auth, getStock), async (ctx) => {
    const { sku } = parseBody(skuParams, ctx.params);
    const stock = await deps.Stock.findById(sku).lean();
    if (!stock) throw new NotFoundError(`no stock is known for SKU ${sku}`, { sku });
    ctx.body = stockView(stock);
  });
}
