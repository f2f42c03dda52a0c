import type { InventoryFailureReason } from '@saga/contracts';

/** Why a reservation failed, exactly as `inventory.failed` reports it. */
export interface ReservationFailure {
  readonly reason: InventoryFailureReason;
  /** The SKUs that could not be reserved, in line order; empty when no line in particular is to blame. */
  readonly unavailableSkus: readonly string[];
}

/** What became of one line while reserving: held for the order, or why not (`AVAILABLE`: not tried, but it would fit). */
export type LineOutcome =
  'HELD' | 'AVAILABLE' | 'OUT_OF_STOCK' | 'SKU_NOT_FOUND' | 'PRICE_NOT_SET' | 'CURRENCY_MISMATCH';

/**
 * The reasons a line cannot be reserved, the one reported first: what will not change by waiting
 * comes before missing stock, and an unknown SKU before one that is merely not priced (yet), before
 * one priced in another currency.
 */
const unavailableOutcomes = ['SKU_NOT_FOUND', 'PRICE_NOT_SET', 'CURRENCY_MISMATCH', 'OUT_OF_STOCK'] as const;

/**
 * The verdict on a reservation attempt, from each line's outcome: null when every line is held, else
 * the failure to report, with the first-ranked reason any line has. Every SKU that could not be
 * reserved is named, whatever its own reason, so the customer hears about all of them at once.
 */
export function failureOf(
  outcomes: readonly { readonly sku: string; readonly outcome: LineOutcome }[],
): ReservationFailure | null {
  const isUnavailable = (outcome: LineOutcome) =>
    (unavailableOutcomes as readonly LineOutcome[]).includes(outcome);
  const unavailable = outcomes.filter((o) => isUnavailable(o.outcome));
  const reason = unavailableOutcomes.find((candidate) => unavailable.some((o) => o.outcome === candidate));
  if (reason === undefined) {
    if (outcomes.every((o) => o.outcome === 'HELD')) return null;
    // Some line was never tried, yet none is unavailable: the caller stopped early for no reason it reported.
    return { reason: 'UNKNOWN', unavailableSkus: [] };
  }
  return { reason, unavailableSkus: unavailable.map((o) => o.sku) };
}
