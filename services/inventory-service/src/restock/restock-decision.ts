import type { RestockInventory } from '@saga/contracts';
import {
  decision,
  noArrayElementWith,
  outboxEntry,
  type Decision,
  type OutboxEntry,
} from '@saga/service-kit';
import type { RestockDocument } from '../model/restock-model.ts';
import type { StockDocument } from '../model/stock-model.ts';

/** Who the restock's replies go to and what they join: the command's saga and trace. */
export interface RestockReplyTo {
  readonly sagaId: string;
  readonly traceparent: string;
}

/** What the first step of a restock decided. */
export type RestockStart =
  | { readonly kind: 'begun'; readonly restock: Pick<RestockDocument, 'items' | 'status'> }
  | { readonly kind: 'failed' }
  | { readonly kind: 'settled-before'; readonly status: RestockDocument['status'] };

/**
 * The first step of a return's restock: record it PENDING with its lines, or FAILED (answered
 * inventory.restock-failed at once, nothing moving) when a SKU has no stock here. A restock recorded
 * before is left as it is: PENDING goes on (a crash came between the steps), DONE and FAILED are
 * answered again by the last step.
 *
 * @param unknownSkus the command's SKUs with no stock document, looked up by the caller
 */
export function decideRestockStart(
  existing: RestockDocument | null,
  command: RestockInventory,
  unknownSkus: readonly string[],
  to: RestockReplyTo,
  now: Date,
): Decision<RestockStart> {
  if (existing) {
    if (existing.status === 'PENDING') return decision.none({ kind: 'begun', restock: existing });
    return decision.none({ kind: 'settled-before', status: existing.status });
  }
  const items = command.items.map(({ sku, quantity }) => ({ sku, quantity }));
  const base = {
    orderId: command.orderId,
    sagaId: command.sagaId,
    items,
    createdAt: now,
    updatedAt: now,
  };
  if (unknownSkus.length > 0)
    return decision.insert({ ...base, status: 'FAILED', unknownSkus: [...unknownSkus] }, { kind: 'failed' }, [
      failedReply(command.orderId, command.returnId, [...unknownSkus], to, now),
    ]);
  return decision.insert(
    { ...base, status: 'PENDING', unknownSkus: [] },
    {
      kind: 'begun',
      restock: { items, status: 'PENDING' },
    },
  );
}

/**
 * A return's units of one SKU back into its stock, once: sold → available (the units were sold to the
 * order, and are free again), with the return's marker in the same update, guarded by its absence.
 * Found there already (a redelivery, a crash), nothing moves.
 */
export function decideStockRestock(
  stock: StockDocument | null,
  returnId: string,
  quantity: number,
): Decision<'restocked' | 'restocked-before' | 'no-stock'> {
  if (stock === null) return decision.none('no-stock');
  if ((stock.restocks ?? []).some((marker) => marker.returnId === returnId))
    return decision.none('restocked-before');
  return decision.update(
    {
      $inc: { available: quantity, sold: -quantity },
      $push: { restocks: { returnId, quantity } },
    },
    'restocked',
    { guard: noArrayElementWith({ 'restocks.returnId': returnId }) },
  );
}

/**
 * The last step: a PENDING restock whose lines are all back is DONE, answered inventory.restocked; a
 * DONE or FAILED one is answered again, the same. The command's message id is recorded with it.
 */
export function decideRestockAnswer(
  restock: RestockDocument | null,
  returnId: string,
  to: RestockReplyTo,
  now: Date,
): Decision<RestockDocument['status'] | 'missing'> {
  if (restock === null) return decision.none('missing');
  const reply =
    restock.status === 'FAILED'
      ? failedReply(restock.orderId, returnId, restock.unknownSkus, to, now)
      : restockedReply(restock.orderId, returnId, to, now);
  if (restock.status === 'PENDING')
    return decision.update({ $set: { status: 'DONE', updatedAt: now } }, 'DONE', {
      guard: { status: 'PENDING' },
      outbox: [reply],
    });
  return decision.update({ $set: { updatedAt: now } }, restock.status, {
    guard: { status: restock.status },
    outbox: [reply],
  });
}

function restockedReply(orderId: string, returnId: string, to: RestockReplyTo, at: Date): OutboxEntry {
  return outboxEntry(
    'inventory.restocked',
    orderId,
    { orderId, sagaId: to.sagaId, returnId, restockedAt: at },
    { traceparent: to.traceparent },
  );
}

function failedReply(
  orderId: string,
  returnId: string,
  unknownSkus: string[],
  to: RestockReplyTo,
  at: Date,
): OutboxEntry {
  return outboxEntry(
    'inventory.restock-failed',
    orderId,
    { orderId, sagaId: to.sagaId, returnId, reason: 'SKU_NOT_FOUND', unknownSkus, failedAt: at },
    { traceparent: to.traceparent },
  );
}
