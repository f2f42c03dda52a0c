import type { OrderLine } from '@saga/contracts';
import type { ReservationFailure } from './reservation-failure.ts';
import type { ReservationLine } from './reservation-line.ts';

/** The lines a reservation will hold, or why the command cannot be reserved at all. */
export type LinePlan =
  | { readonly ok: true; readonly lines: readonly ReservationLine[] }
  | { readonly ok: false; readonly failure: ReservationFailure };

/**
 * Turns an order's lines into what to hold, one line per SKU:
 *
 * - lines of the same SKU are added up, since a SKU carries one hold per order (its hold marker is
 *   keyed by the order id; a second line of that SKU would look "already held");
 * - lines come out sorted by SKU, so every attempt, retry or recovery walks them in the same order;
 * - an order without lines, or with a quantity that is not a positive whole number, is refused with
 *   `UNKNOWN` (naming those SKUs): Avro lets such a command through, and a negative quantity would
 *   otherwise *add* stock.
 */
export function planLines(items: readonly Pick<OrderLine, 'sku' | 'quantity'>[]): LinePlan {
  if (items.length === 0) return { ok: false, failure: { reason: 'UNKNOWN', unavailableSkus: [] } };
  const invalid = items.filter((item) => !Number.isSafeInteger(item.quantity) || item.quantity < 1);
  if (invalid.length > 0) {
    return {
      ok: false,
      failure: { reason: 'UNKNOWN', unavailableSkus: [...new Set(invalid.map((item) => item.sku))].sort() },
    };
  }
  const totals = new Map<string, number>();
  for (const item of items) totals.set(item.sku, (totals.get(item.sku) ?? 0) + item.quantity);
  const lines = [...totals]
    .map(([sku, quantity]) => ({ sku, quantity }))
    .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  if (lines.some((line) => !Number.isSafeInteger(line.quantity))) {
    return {
      ok: false,
      failure: {
        reason: 'UNKNOWN',
        unavailableSkus: lines.filter((l) => !Number.isSafeInteger(l.quantity)).map((l) => l.sku),
      },
    };
  }
  return { ok: true, lines };
}
