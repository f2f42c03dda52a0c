import type { InventoryFailureReason } from '@saga/contracts';

/** Why a reservation failed, exactly as `inventory.failed` reports it. */
export interface ReservationFailure {
  readonly reason: InventoryFailureReason;
  /** The SKUs that could not be reserved, in line order; empty when no line in particular is to blame. */
  readonly unavailableSkus: readonly string[];
}

/** What became of one line while reserving: held for the order, or why not (`AVAILABLE`: not tried, but it would fit). */
export type LineOutcome = 'HELD' | 'AVAILABLE' | 'OUT_OF_STOCK' | 'SKU_NOT_FOUND';

/**
 * The verdict on a reservation attempt, from each line's outcome: null when every line is held, else
 * the failure to report. An unknown SKU outranks missing stock (it will not come back by waiting), but
 * every SKU that could not be reserved is named, so the customer hears about all of them at once.
 */
export function failureOf(
  outcomes: readonly { readonly sku: string; readonly outcome: LineOutcome }[],
): ReservationFailure | null {
  const unavailable = outcomes.filter((o) => o.outcome === 'OUT_OF_STOCK' || o.outcome === 'SKU_NOT_FOUND');
  if (unavailable.length === 0) {
    if (outcomes.every((o) => o.outcome === 'HELD')) return null;
    // Some line was never tried, yet none is unavailable: the caller stopped early for no reason it reported.
    return { reason: 'UNKNOWN', unavailableSkus: [] };
  }
  return {
    reason: unavailable.some((o) => o.outcome === 'SKU_NOT_FOUND') ? 'SKU_NOT_FOUND' : 'OUT_OF_STOCK',
    unavailableSkus: unavailable.map((o) => o.sku),
  };
}
