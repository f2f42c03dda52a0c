import type Router from '@koa/router';
import { z } from 'zod';
import type { Config } from '@saga/config';
import { jsonBodyParser, NotFoundError, parseBody, requireRole } from '@saga/service-kit';
import { maxPriceMinor } from '../domain/catalogue-price.ts';
import { skuSchema } from '../domain/sku.ts';
import type { StockLedger } from '../model/stock-ledger.ts';
import type { StockModel } from '../model/stock-model.ts';
import { stockView } from './stock-view.ts';

/** ISO 4217 codes this runtime knows (from its ICU data), so a well-formed but made-up code is refused too. */
const knownCurrencies: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/**
 * `PUT /stock/:sku`: the free stock and the catalogue price to set, all three required (a SKU without
 * a price cannot be sold); unknown fields are refused rather than silently dropped. The price is a
 * whole number of minor units of the currency, as the API writes every amount (1250 is EUR 12.50).
 */
export const setStockBody = z.strictObject({
  available: z.int({ error: 'must be a whole number of units, at least 0' }).min(0),
  price: z
    .int({ error: 'must be the price of one unit as a whole number of minor units of currency, e.g. 1250' })
    .min(0, { error: 'must be at least 0' })
    .max(maxPriceMinor, { error: `must be at most ${maxPriceMinor}` }),
  currency: z
    .string({ error: 'must be the ISO 4217 code of the price, e.g. EUR' })
    .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code of 3 uppercase letters, e.g. EUR', abort: true })
    .refine((code) => knownCurrencies.has(code), 'is not an ISO 4217 currency code'),
});

const skuParams = z.object({ sku: skuSchema });

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
  router.put('/stock/:sku', requireRole(deps.auth, 'admin'), jsonBodyParser(), async (ctx) => {
    const { sku } = parseBody(skuParams, ctx.params);
    const setting = parseBody(setStockBody, ctx.request.body);
    // Another process that keeps changing the SKU makes this a 409 (the error middleware's GuardLostError).
    ctx.body = stockView(await deps.ledger.setStock(sku, setting));
  });

  router.get('/stock/:sku', requireRole(deps.auth, 'customer', 'admin', 'ops'), async (ctx) => {
    const { sku } = parseBody(skuParams, ctx.params);
    const stock = await deps.Stock.findById(sku).lean();
    if (!stock) throw new NotFoundError(`no stock is known for SKU ${sku}`, { sku });
    ctx.body = stockView(stock);
  });
}
