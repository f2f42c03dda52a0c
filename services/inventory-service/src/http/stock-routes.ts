import type Router from '@koa/router';
import { z } from 'zod';
import type { Config } from '@saga/config';
import { jsonBodyParser, NotFoundError, parseBody, requireRole } from '@saga/service-kit';
import { skuSchema } from '../domain/sku.ts';
import type { StockLedger } from '../model/stock-ledger.ts';
import type { StockModel } from '../model/stock-model.ts';
import { stockView } from './stock-view.ts';

/** `PUT /stock/:sku`: the free stock to set; unknown fields are refused rather than silently dropped. */
export const setStockBody = z.strictObject({
  available: z.int().min(0),
});

const skuParams = z.object({ sku: skuSchema });

/**
 * - `PUT /stock/:sku {available}` (admin token): sets the free stock (creating the SKU), 200 with the
 *   stock; 400 VALIDATION_FAILED for a malformed SKU or body; 409 CONFLICT if another process kept changing it.
 * - `GET /stock/:sku` (any caller: customers see the catalogue): 200 with the stock; 404 NOT_FOUND for an unknown SKU.
 *
 * Reserved and sold units are not the admin's to set: they move only with orders.
 */
export function stockRoutes(
  router: Router,
  deps: { readonly Stock: StockModel; readonly ledger: StockLedger; readonly auth: Config['auth'] },
): void {
  router.put('/stock/:sku', requireRole(deps.auth, 'admin'), jsonBodyParser(), async (ctx) => {
    const { sku } = parseBody(skuParams, ctx.params);
    const { available } = parseBody(setStockBody, ctx.request.body);
    // Another process that keeps changing the SKU makes this a 409 (the error middleware's GuardLostError).
    ctx.body = stockView(await deps.ledger.setAvailable(sku, available));
  });

  router.get('/stock/:sku', requireRole(deps.auth, 'customer', 'admin', 'ops'), async (ctx) => {
    const { sku } = parseBody(skuParams, ctx.params);
    const stock = await deps.Stock.findById(sku).lean();
    if (!stock) throw new NotFoundError(`no stock is known for SKU ${sku}`, { sku });
    ctx.body = stockView(stock);
  });
}
