import { uuidV5 } from '@saga/service-kit';

/** Fixed namespace of saga ids (a random UUID, chosen once): changing it would orphan stored sagas. */
const SAGA_ID_NAMESPACE = '5f0c9a43-6b8e-4d0f-9a57-2c1d8e3b7a61';

/**
 * A saga's id, derived from its definition's name and the key it is correlated by (its binding's
 * key: the order id, a trip id): the same key always has the same saga of a definition. So a saga is
 * found by `_id` (the one lookup every store makes by key; FerretDB scans for anything else), and a
 * second start for the same key collides on `_id` on insert instead of needing a look-up first. A
 * definition with several sagas per key (its binding's `key.instance`, e.g. a return id) names the
 * instance too: each return of an order has its own saga, and a redelivered start still collides.
 */
export function sagaIdOf(definitionName: string, key: string, instance?: string): string {
  // The one-per-key form is the original one: the ids of stored sagas must not change.
  if (instance === undefined) return uuidV5(`${definitionName}:${key}`, SAGA_ID_NAMESPACE);
  // JSON, so no key or instance, whatever characters it holds, can make another pair's name.
  return uuidV5(JSON.stringify([definitionName, key, instance]), SAGA_ID_NAMESPACE);
}
