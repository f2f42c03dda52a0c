import { randomBytes, randomUUID } from 'node:crypto';
import { isUuid } from '@saga/avro';
import { orderIdFor, requestFingerprint } from '@saga/order-service/src/domain/idempotency.ts';
import { ledgerEntryId, type LedgerEntryKind } from '@saga/payment-service/src/model/ledger-entry.ts';
import { sagaIdOf } from '@saga/saga-runtime';
import {
  finishedSagaParts,
  type FinishedSaga,
  type FinishedSagaPart,
  type StoredDocument,
} from './finished-saga-stores.ts';

/** Who the copy is: its place in the seeded history, and the marker every document of it carries. */
export interface CloneIdentity {
  /** 0 for the first copy; also makes its idempotency key. */
  readonly index: number;
  /**
   * The marker of the copy's batch (`<runId>-<batch>`, seed-marker.ts): every document gets
   * `benchSeed: marker`, which is how they are removed; with the index, unique to the copy.
   */
  readonly marker: string;
  /** The copy's customer (one of the seeding's own, so no real customer's ledger grows). */
  readonly customerId: string;
  /** Added to every date of the template, so that the copy happened earlier, as history did. */
  readonly shiftMs: number;
}

const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * Another finished saga, as the services would have left it had they run it: the template's documents
 * with every id replaced consistently across them (one saga's reservation and payment ids, message ids
 * and trace agree between the orchestrator's saga and the participants' documents, as a run leaves
 * them). The ids the platform derives are derived the way it does: the order id from the idempotency
 * key, the saga id from the order id, the ledger entry id from customer, order and kind. Any other UUID
 * (reservation, payment, messages) and the traceparent are random, as a run makes them.
 */
export function cloneSaga(template: FinishedSaga, identity: CloneIdentity): FinishedSaga {
  const [order] = template.orders;
  const [saga] = template.sagas;
  if (!order || !saga) throw new TypeError('a saga template holds an order and a saga');
  const { customerId } = identity;
  const idempotencyKey =
    typeof order.idempotencyKey === 'string' ? `growth-${identity.marker}-${identity.index}` : null;
  const orderId = orderIdFor(customerId, idempotencyKey ?? undefined);
  const replaced = new Map<string, string>([
    [String(order._id), orderId],
    [String(saga._id), sagaIdOf(String(saga.saga), orderId)],
  ]);
  for (const entry of template.ledgerEntries) {
    replaced.set(String(entry._id), ledgerEntryId(customerId, orderId, entry.kind as LedgerEntryKind));
  }
  // Fields that are not ids but name the customer or the request; whole strings, by field name, since
  // BenchShop's idempotency keys and customer ids can be the same string.
  const fields: Readonly<Record<string, (value: unknown) => unknown>> = {
    customerId: (value) => (value === order.customerId ? customerId : value),
    idempotencyKey: (value) => (typeof value === 'string' ? idempotencyKey : value),
    requestFingerprint: (value) =>
      typeof value === 'string'
        ? requestFingerprint({ customerId, currency: order.currency, items: order.items })
        : value,
  };
  const renew = (value: string): string => {
    if (!isUuid(value) && !TRACEPARENT.test(value)) return value;
    let renewed = replaced.get(value);
    if (renewed === undefined) {
      renewed = isUuid(value) ? randomUUID() : freshTraceparent();
      replaced.set(value, renewed);
    }
    return renewed;
  };
  const copy = (value: unknown, field?: string): unknown => {
    const rewrite = field === undefined ? undefined : fields[field];
    if (rewrite) return rewrite(value);
    if (typeof value === 'string') return renew(value);
    if (value instanceof Date) return new Date(value.getTime() + identity.shiftMs);
    if (Array.isArray(value)) return value.map((item) => copy(item));
    if (isPlainObject(value)) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copy(item, key)]));
    }
    return value;
  };
  const clone = {} as Record<FinishedSagaPart, StoredDocument[]>;
  for (const part of finishedSagaParts) {
    clone[part] = template[part].map((document) => ({
      ...(copy(document) as StoredDocument),
      benchSeed: identity.marker,
    }));
  }
  return clone;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A W3C traceparent of a new trace, sampled, as a request from a shop front would start one. */
function freshTraceparent(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}
