import type { FinishedSaga } from './finished-saga-stores.ts';

/**
 * Most documents one marker may mark in one collection. FerretDB (on PostgreSQL) deletes what a filter
 * matches with one statement holding every matched id as a parameter, and PostgreSQL's extended
 * protocol takes at most 65,535: a deleteMany matching more fails ("extended protocol limited to
 * 65535 parameters"). So the seeding marks each batch with a marker of its own, far below that.
 */
export const DOCUMENTS_PER_MARKER = 1_000;

/** The marker of one batch of a seeding: `<runId>-<batch>`, batch 0 first. */
export function seedMarker(runId: string, batch: number): string {
  return `${runId}-${batch}`;
}

/**
 * Whether `marker` is one of the seeding `runId`'s: a batch marker of it, or the run id alone (how
 * seedings marked every document before they marked batches, so leftovers of those are found too).
 */
export function isMarkerOf(marker: string, runId: string): boolean {
  return marker === runId || (marker.startsWith(`${runId}-`) && /^\d+$/.test(marker.slice(runId.length + 1)));
}

/**
 * How many copies of `template` one batch holds so that no collection gets more than
 * DOCUMENTS_PER_MARKER documents of it (a saga leaves one document per part, and one ledger entry per
 * charge or refund), and no more than `batch`, the seeding's round size.
 */
export function sagasPerMarker(template: FinishedSaga, batch: number): number {
  const widest = Math.max(1, ...Object.values(template).map((documents) => documents.length));
  return Math.max(1, Math.min(batch, Math.floor(DOCUMENTS_PER_MARKER / widest)));
}
