import type { SagaStatus } from '@saga/saga-engine';
import { finishedSagasCollection, type SagaModel } from './saga-model.ts';

const statuses: readonly SagaStatus[] = [
  'RUNNING',
  'COMPENSATING',
  'COMPLETING',
  'CANCELLING',
  'NEEDS_ATTENTION',
  'COMPLETED',
  'CANCELLED',
];
/** The statuses sagas are archived in (saga-model.ts). */
const finishedStatuses: readonly SagaStatus[] = ['COMPLETED', 'CANCELLED'];

export interface SagaStatusCountsOptions {
  /** How often the finished archive is counted again (default 1 minute). */
  readonly archiveEveryMs?: number;
  readonly now?: () => number;
}

/**
 * Sagas per status, for the sagas_in_status gauge (read at scrape time, behind the metrics' short
 * cache). Every status is in the answer, 0 when no saga is in it.
 *
 * Running sagas are read from the hot collection, projected to `status` alone: FerretDB scans every
 * lookup, but this collection holds work in flight only (finished sagas leave it), so the scan stays
 * small and one query answers every status. Finished sagas are another matter: the archive grows with
 * every saga ever run, and counting it on every scrape would cost more with each day of history. So
 * it is counted (one countDocuments per finished status) at most once per `archiveEveryMs`, whatever
 * the scrape rate, and each answer adds that count to the finished sagas still in the hot collection.
 * The finished counts thus lag by up to `archiveEveryMs` (a saga the relay archived meanwhile has left
 * the hot count and not yet joined the archive's); saga_finished_total is the exact, cheap series for
 * rates of finishing, and this gauge is for what is in flight, which is always current.
 */
export function sagaStatusCounts(
  model: SagaModel,
  options: SagaStatusCountsOptions = {},
): () => Promise<Record<string, number>> {
  const archiveEveryMs = options.archiveEveryMs ?? 60_000;
  const now = options.now ?? Date.now;
  let archived: Readonly<Record<string, number>> = {};
  let archivedAt = -Infinity;
  const countArchive = async () => {
    const archive = model.db.collection(finishedSagasCollection);
    const counts: Record<string, number> = {};
    for (const status of finishedStatuses) counts[status] = await archive.countDocuments({ status });
    return counts;
  };
  return async () => {
    if (now() - archivedAt >= archiveEveryMs) {
      archived = await countArchive();
      archivedAt = now();
    }
    const running = await model.find({}, { status: 1 }).lean();
    const counts: Record<string, number> = Object.fromEntries(statuses.map((status) => [status, 0]));
    for (const [status, count] of Object.entries(archived)) counts[status] = (counts[status] ?? 0) + count;
    for (const { status } of running) counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  };
}
