import type { SagaModel } from './saga-model.ts';

/**
 * Indexes of the saga collection that earlier versions made and this one must not keep. `orderId_1`
 * was unique on the order id, which sagas no longer store (their key is `key`): left in place, every
 * saga after the first would collide on its missing `orderId`.
 */
const retired = ['orderId_1'];

/**
 * Drops the retired indexes that a store written by an earlier version still has; nothing when there
 * are none. Idempotent, and cheap (one listIndexes), so a service runs it at every start.
 * @returns the names of the indexes it dropped
 */
export async function dropRetiredSagaIndexes(model: SagaModel): Promise<string[]> {
  const existing = await model.collection.indexes();
  const dropping = existing.flatMap((index) =>
    typeof index.name === 'string' && retired.includes(index.name) ? [index.name] : [],
  );
  for (const name of dropping) await model.collection.dropIndex(name);
  return dropping;
}
