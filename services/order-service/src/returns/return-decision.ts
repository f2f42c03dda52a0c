import type { ReturnRejectReason } from '@saga/contracts';
import { decision, outboxEntry, type Decision, type OutboxEntry } from '@saga/service-kit';
import type { OrderDocument } from '../model/order-document.ts';
import type { OrderReturn, ReturnStatus } from './order-return.ts';
import { approveReturn } from './return-approval.ts';
import { approvalReply, cancelledReply, completedReply, type ReturnReplyTo } from './return-replies.ts';

/** The fields of an order that its returns' decisions read. */
export type ReturnedOrder = Pick<
  OrderDocument,
  '_id' | 'customerId' | 'currency' | 'status' | 'pricedLines' | 'returns' | 'updatedAt'
>;

/** A return the customer asks for, as the route validated it, with its id fixed by the route. */
export interface ReturnRequest {
  readonly returnId: string;
  readonly items: OrderReturn['items'];
  readonly idempotencyKey: string | null;
  /** The request's trace, which order.return-requested (and so the saga) joins. */
  readonly traceparent?: string;
}

/** What recording a return request came to. */
export type ReturnRequestOutcome =
  | { readonly kind: 'requested'; readonly ret: OrderReturn }
  /** The return id was recorded before (an Idempotency-Key sent again with the same lines). */
  | { readonly kind: 'replayed'; readonly ret: OrderReturn }
  /** The Idempotency-Key names a return with other lines. */
  | { readonly kind: 'key-reused'; readonly ret: OrderReturn }
  | { readonly kind: 'unknown-order' };

/**
 * Records a customer's return in the order, REQUESTED, with order.return-requested in the same write
 * (the order's outbox), whatever the order's status: the return saga decides, and rejects what does
 * not fit, so the answer is the same 202 for every return. The update is guarded by the order's
 * `updatedAt`, which every write of the order moves, so a return decided meanwhile is not lost.
 */
export function decideReturnRequest(
  order: ReturnedOrder | null,
  request: ReturnRequest,
  now: Date,
): Decision<ReturnRequestOutcome> {
  if (order === null) return decision.none({ kind: 'unknown-order' });
  const returns = order.returns ?? [];
  const existing = returns.find((ret) => ret.returnId === request.returnId);
  if (existing)
    return decision.none({
      kind: sameLines(existing.items, request.items) ? 'replayed' : 'key-reused',
      ret: existing,
    });
  const ret: OrderReturn = {
    returnId: request.returnId,
    status: 'REQUESTED',
    items: request.items.map(({ sku, quantity }) => ({ sku, quantity })),
    pricedLines: [],
    refunded: null,
    rejectReason: null,
    rejectDetail: null,
    sagaId: null,
    idempotencyKey: request.idempotencyKey,
    requestedAt: now,
    updatedAt: now,
  };
  const requested = outboxEntry(
    'order.return-requested',
    order._id,
    {
      orderId: order._id,
      returnId: ret.returnId,
      customerId: order.customerId,
      items: [...ret.items],
      requestedAt: now,
    },
    request.traceparent === undefined ? undefined : { traceparent: request.traceparent },
  );
  return decision.update(
    { $set: { returns: [...returns, ret], updatedAt: now } },
    { kind: 'requested', ret },
    { guard: { updatedAt: order.updatedAt }, outbox: [requested] },
  );
}

/** A return saga's command about one return, as a consumed command carries it. */
export type ReturnCommand =
  | { readonly kind: 'approve' }
  | { readonly kind: 'complete'; readonly refunded: number }
  | { readonly kind: 'cancel'; readonly reason: ReturnRejectReason; readonly detail: string | null };

/** What a return saga's command did to its return. */
export type ReturnCommandOutcome =
  /** The return moved (to `status`), and the saga is answered. */
  | { readonly kind: 'applied'; readonly status: ReturnStatus }
  /** The return is where the command takes it already (a command sent again): answered again. */
  | { readonly kind: 'answered-again'; readonly status: ReturnStatus }
  /** The return is where the command does not apply (cancel a COMPLETED one): nothing changed, no answer. */
  | { readonly kind: 'not-applicable'; readonly status: ReturnStatus }
  | { readonly kind: 'unknown-return' };

/**
 * The order's decision table for a return saga's command, one update of the order's `returns`
 * guarded by its `updatedAt`, with the answer in the same write:
 *
 * - approve: a REQUESTED return is APPROVED (priced, its quantities held) or REJECTED (approval.ts);
 *   an APPROVED, COMPLETED or REJECTED one is answered again as it was decided;
 * - complete: an APPROVED return is COMPLETED with what was refunded; a COMPLETED one is answered again;
 * - cancel: a REQUESTED or APPROVED return is REJECTED with the saga's reason, which frees its
 *   quantities; a REJECTED one is answered again; a COMPLETED one is not changed: the saga and this
 *   service disagree, and the saga's deadline brings a person in.
 */
export function decideReturnCommand(
  order: ReturnedOrder | null,
  ids: { readonly returnId: string } & Omit<ReturnReplyTo, 'currency'>,
  command: ReturnCommand,
  now: Date,
): Decision<ReturnCommandOutcome> {
  const returns = order?.returns ?? [];
  const ret = returns.find((candidate) => candidate.returnId === ids.returnId);
  if (!order || !ret) return decision.none({ kind: 'unknown-return' });
  const to: ReturnReplyTo = { ...ids, currency: order.currency };
  const write = (changed: OrderReturn, reply: OutboxEntry, kind: 'applied' | 'answered-again') =>
    decision.update(
      {
        $set: {
          returns: returns.map((other) => (other.returnId === changed.returnId ? changed : other)),
          updatedAt: now,
        },
      },
      { kind, status: changed.status },
      { guard: { updatedAt: order.updatedAt }, outbox: [reply] },
    );
  const moved = (changes: Partial<OrderReturn>): OrderReturn => ({
    ...ret,
    ...changes,
    sagaId: ids.sagaId,
    updatedAt: now,
  });
  switch (command.kind) {
    case 'approve': {
      if (ret.status !== 'REQUESTED') return write(ret, approvalReply(ret, to, now), 'answered-again');
      const approval = approveReturn(order, ret.returnId, ret.items, returns);
      const decided =
        approval.kind === 'approved'
          ? moved({ status: 'APPROVED', pricedLines: approval.pricedLines })
          : moved({ status: 'REJECTED', rejectReason: approval.reason, rejectDetail: approval.detail });
      return write(decided, approvalReply(decided, to, now), 'applied');
    }
    case 'complete':
      if (ret.status === 'COMPLETED') return write(ret, completedReply(ret, to, now), 'answered-again');
      if (ret.status !== 'APPROVED') return decision.none({ kind: 'not-applicable', status: ret.status });
      return write(
        moved({ status: 'COMPLETED', refunded: command.refunded }),
        completedReply(ret, to, now),
        'applied',
      );
    case 'cancel':
      if (ret.status === 'REJECTED') return write(ret, cancelledReply(ret, to, now), 'answered-again');
      if (ret.status === 'COMPLETED') return decision.none({ kind: 'not-applicable', status: ret.status });
      return write(
        moved({ status: 'REJECTED', rejectReason: command.reason, rejectDetail: command.detail }),
        cancelledReply(ret, to, now),
        'applied',
      );
  }
}

/** Whether two requests return the same lines, in any order. */
function sameLines(a: OrderReturn['items'], b: OrderReturn['items']): boolean {
  const key = (lines: OrderReturn['items']) =>
    JSON.stringify([...lines].map(({ sku, quantity }) => [sku, quantity]).sort());
  return key(a) === key(b);
}
