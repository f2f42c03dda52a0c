import { z } from 'zod';
import { maxPriceMinor } from '../domain/catalogue-price.ts';

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
