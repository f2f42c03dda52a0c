import { setTimeout as sleep } from 'node:timers/promises';
import type { MongoClient } from 'mongodb';
import {
  finishedSagaStores,
  type FinishedSaga,
  type FinishedSagaPart,
  type StoredDocument,
} from './finished-saga-stores.ts';
import { NoSagaTemplateError } from './no-saga-template-error.ts';

/**
 * What one real finished saga left in the stores, read by its order id: the pattern the seeded sagas
 * are copied from, so they have the size, the fields and the history a real one has. Archiving runs
 * after the last message is sent, a moment after the order shows its status, so this looks at the
 * orders one by one (in the order they were placed: the oldest are the likeliest archived) and, while
 * none is complete, tries again each second until `timeoutMs`.
 */
export async function readSagaTemplate(
  mongo: MongoClient,
  orderIds: readonly string[],
  options: { timeoutMs: number; candidatesPerRound?: number },
): Promise<FinishedSaga> {
  const began = Date.now();
  const candidates = orderIds.slice(0, options.candidatesPerRound ?? 5);
  if (candidates.length === 0) throw new NoSagaTemplateError(0, 0);
  do {
    for (const orderId of candidates) {
      const found = await readFinishedSaga(mongo, orderId);
      if (found) return found;
    }
    await sleep(1_000);
  } while (Date.now() - began < options.timeoutMs);
  throw new NoSagaTemplateError(candidates.length, Date.now() - began);
}

/** The order's finished saga, or undefined while any part of it is not archived yet. */
async function readFinishedSaga(mongo: MongoClient, orderId: string): Promise<FinishedSaga | undefined> {
  const read = (part: FinishedSagaPart, filter: StoredDocument) => {
    const { db, collection } = finishedSagaStores[part];
    return mongo
      .db(db)
      .collection<StoredDocument>(collection)
      .find(filter as never)
      .toArray();
  };
  const orders = await read('orders', { _id: orderId });
  const sagaId = orders[0]?.sagaId;
  if (typeof sagaId !== 'string') return undefined;
  const saga: FinishedSaga = {
    orders,
    sagas: await read('sagas', { _id: sagaId }),
    reservations: await read('reservations', { _id: orderId }),
    payments: await read('payments', { _id: orderId }),
    ledgerEntries: await read('ledgerEntries', { orderId }),
  };
  return Object.values(saga).every((documents) => documents.length > 0) ? saga : undefined;
}
