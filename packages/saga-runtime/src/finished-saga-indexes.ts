import { finishedSagasCollection, type SagaModel } from './saga-model.ts';

/**
 * The finished sagas' collection is written by the outbox relay's raw moves, not through a model, so
 * no schema builds its indexes: the views' lookups by key and by status need these. Idempotent, and
 * cheap when they exist, so a service runs it at every start.
 */
export async function ensureFinishedSagaIndexes(model: SagaModel): Promise<void> {
  const finished = model.db.collection(finishedSagasCollection);
  // One at a time, as mongoose builds a schema's: FerretDB 1.24 panics (and drops the connection)
  // on one createIndexes of several indexes that all exist already (store contract, indexes.spec.ts).
  await finished.createIndexes([{ key: { saga: 1, key: 1 }, unique: true }]);
  await finished.createIndexes([{ key: { status: 1, updatedAt: 1 } }]);
}
