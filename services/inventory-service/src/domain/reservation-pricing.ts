import type { Money, PricedLine } from '@saga/contracts';
import type { ReservationFailure } from './reservation-failure.ts';
import type { ReservationLine } from './reservation-line.ts';

/** A reservation's lines at their catalogue prices, and what they cost together. */
export interface ReservationPricing {
  readonly pricedLines: readonly PricedLine[];
  readonly total: Money;
}

/**
 * Prices a reservation whose every line is held, from the catalogue price each hold was taken under:
 * the lines in the reservation's order (by SKU), and the total, the sum of quantity × unit price.
 * The holds were already refused for a SKU without a price or in another currency, so a failure here
 * means the reservation's lines and their outcomes do not match (or the total is past the exact
 * integers, which the limits on prices and quantities rule out): it is reported rather than charged.
 */
export function priceReservation(
  lines: readonly ReservationLine[],
  unitPrices: readonly { readonly sku: string; readonly unitPrice: Money | null }[],
): { ok: true; pricing: ReservationPricing } | { ok: false; failure: ReservationFailure } {
  const priceOf = new Map(unitPrices.map(({ sku, unitPrice }) => [sku, unitPrice]));
  const pricedLines: PricedLine[] = [];
  const unpriced: string[] = [];
  for (const { sku, quantity } of lines) {
    const unitPrice = priceOf.get(sku);
    if (unitPrice) pricedLines.push({ sku, quantity, unitPrice: { ...unitPrice } });
    else unpriced.push(sku);
  }
  const [first] = pricedLines;
  if (!first || unpriced.length > 0) {
    return { ok: false, failure: { reason: 'PRICE_NOT_SET', unavailableSkus: unpriced } };
  }
  const { currency } = first.unitPrice;
  const otherCurrency = pricedLines.filter((line) => line.unitPrice.currency !== currency).map((l) => l.sku);
  if (otherCurrency.length > 0) {
    return { ok: false, failure: { reason: 'CURRENCY_MISMATCH', unavailableSkus: otherCurrency } };
  }
  let amountMinor = 0;
  for (const line of pricedLines) amountMinor += line.quantity * line.unitPrice.amountMinor;
  if (!Number.isSafeInteger(amountMinor)) {
    return { ok: false, failure: { reason: 'UNKNOWN', unavailableSkus: [] } };
  }
  return { ok: true, pricing: { pricedLines, total: { amountMinor, currency } } };
}
