import { catalogueTotal } from './catalogue-total.ts';
import { fault, type Fault } from './fault.ts';
import type { OrderFact, ReturnFact, RunInputs } from './facts.ts';
import type { SnapshotIndex } from './snapshot-index.ts';

/** What one return came to, for the summary: COMPLETED, REJECTED:<reason>, or LOST. */
export type ReturnOutcome = 'COMPLETED' | `REJECTED:${string}` | 'LOST';

/** Return statuses that hold quantities against what the order bought. */
const HOLDING = ['APPROVED', 'COMPLETED'];

/**
 * The reject reasons the inputs allow for a return: the order's status (only a CONFIRMED order's
 * lines come back), the lines (more than bought, counting the order's other returns that ended
 * COMPLETED), and the approval given up on (the order service away long enough), whatever else.
 */
export function allowedRejectReasons(ret: ReturnFact, order: OrderFact): Set<string> {
  const reasons = new Set(['APPROVAL_TIMED_OUT']);
  if (order.status !== 'CONFIRMED') {
    reasons.add('ORDER_NOT_CONFIRMED');
    return reasons;
  }
  const returnedBefore = returnedPerSku(order.returns.filter((r) => r.returnId !== ret.returnId));
  const bought = boughtPerSku(order);
  if (ret.items.some((l) => l.quantity + (returnedBefore.get(l.sku) ?? 0) > (bought.get(l.sku) ?? 0)))
    reasons.add('MORE_THAN_BOUGHT');
  return reasons;
}

/**
 * Judges the returns of one order: each accepted return is recorded and ended (COMPLETED or REJECTED;
 * a return still REQUESTED or APPROVED after the drain is lost), has exactly one saga, and moved
 * stock and money as its end says: a COMPLETED one refunded its lines at the catalogue prices once
 * and was restocked once, a REJECTED one moved nothing and was rejected for a reason the inputs allow.
 * Whatever the faults, no SKU of the order comes back more often than the order bought it.
 */
export function checkReturns(
  order: OrderFact,
  inputs: RunInputs,
  index: SnapshotIndex,
): { outcomes: ReturnOutcome[]; faults: Fault[] } {
  const faults: Fault[] = [];
  const outcomes: ReturnOutcome[] = [];
  const add = (kind: Fault['kind'], returnId: string, message: string) =>
    faults.push(fault(kind, order.orderId, `return ${returnId}: ${message}`));

  const seen = new Set<string>();
  for (const ret of order.returns) {
    const { returnId } = ret;
    if (seen.has(returnId)) {
      add('duplicated', returnId, 'recorded twice in its order');
      continue;
    }
    seen.add(returnId);
    const sagas = index.sagasOfReturn.get(returnId) ?? [];
    const refunds = index.refundsOfReturn.get(returnId) ?? [];
    const restocks = index.restocksOfReturn.get(returnId) ?? [];
    const restock = index.restockOfReturn.get(returnId);
    if (restock?.status === 'PENDING') add('lost', returnId, 'its restock was left PENDING');
    if (restock && restock.outboxSize > 0)
      add('lost', returnId, `its restock's outbox holds ${restock.outboxSize} message(s)`);

    if (sagas.length === 0) add('lost', returnId, `no saga was ever started (return is ${ret.status})`);
    if (sagas.length > 1) add('duplicated', returnId, `${sagas.length} sagas for one return`);
    const restockedSkus = restocks.map((r) => r.sku);
    if (new Set(restockedSkus).size < restockedSkus.length)
      add('duplicated', returnId, `restocked twice (${restockedSkus.join(', ')})`);
    if (refunds.length > 1) add('duplicated', returnId, `refunded ${refunds.length} times`);
    const refundedSum = refunds.reduce((sum, r) => sum + r.amountMinor, 0);
    const paid = index.paymentRefundsOfReturn.get(returnId) ?? [];
    if (paid.length > 1) add('duplicated', returnId, `its payment records ${paid.length} refunds of it`);

    if (ret.status === 'COMPLETED') {
      outcomes.push('COMPLETED');
      if (order.status !== 'CONFIRMED') add('unexpected', returnId, `COMPLETED of an order ${order.status}`);
      const cost = catalogueTotal(ret, inputs);
      if (ret.refunded !== cost)
        add(
          'unexpected',
          returnId,
          `COMPLETED recording ${ret.refunded} refunded, but its lines cost ${cost}`,
        );
      if (refunds.length === 0) add('unexpected', returnId, 'COMPLETED with no refund');
      else if (refundedSum !== ret.refunded)
        add(
          'unexpected',
          returnId,
          `COMPLETED recording ${ret.refunded} refunded, but the ledger gave back ${refundedSum}`,
        );
      if (paid.length === 0) add('unexpected', returnId, 'COMPLETED but its payment records no refund of it');
      else if (paid[0]?.amountMinor !== ret.refunded)
        add(
          'unexpected',
          returnId,
          `COMPLETED recording ${ret.refunded} refunded, but its payment records ${paid[0]?.amountMinor}`,
        );
      const restocked = new Map(restocks.map((r) => [r.sku, r.quantity]));
      const unmatched = ret.items.filter((l) => restocked.get(l.sku) !== l.quantity);
      if (restock?.status !== 'DONE')
        add('unexpected', returnId, `COMPLETED with its restock ${restock?.status ?? 'missing'}`);
      if (unmatched.length > 0 || restocked.size !== ret.items.length)
        add(
          'unexpected',
          returnId,
          `COMPLETED returning ${describeLines(ret.items)}, but inventory took back ${describeLines(restocks) || 'nothing'}`,
        );
    } else if (ret.status === 'REJECTED') {
      const reason = ret.rejectReason ?? 'none';
      outcomes.push(`REJECTED:${reason}`);
      const allowed = allowedRejectReasons(ret, order);
      if (!allowed.has(reason))
        add(
          'unexpected',
          returnId,
          `REJECTED for ${reason}, which the inputs do not allow (only ${[...allowed].join(', ')})`,
        );
      if (refunds.length > 0) add('unexpected', returnId, `REJECTED but refunded ${refundedSum}`);
      if (paid.length > 0) add('unexpected', returnId, 'REJECTED but its payment records a refund of it');
      if (restocks.length > 0)
        add('unexpected', returnId, `REJECTED but inventory took back ${describeLines(restocks)}`);
      if (restock?.status === 'DONE') add('unexpected', returnId, 'REJECTED with its restock DONE');
    } else {
      outcomes.push('LOST');
      add('lost', returnId, `still ${ret.status} after the drain`);
    }
  }

  // Never more back than bought, whatever each return says of itself.
  const bought = boughtPerSku(order);
  for (const [sku, returned] of returnedPerSku(order.returns)) {
    const boughtUnits = bought.get(sku) ?? 0;
    if (returned > boughtUnits)
      faults.push(
        fault(
          'unexpected',
          order.orderId,
          `its returns take back ${returned} × ${sku}, but it bought ${boughtUnits}`,
        ),
      );
  }
  return { outcomes, faults };
}

/**
 * The returns the API accepted that no order records: lost, like an accepted order the order
 * database does not hold (the order itself may be absent too; the order rules report that).
 */
export function checkAcceptedReturns(inputs: RunInputs, index: SnapshotIndex): Fault[] {
  return inputs.acceptedReturns
    .filter((accepted) => !index.returns.has(accepted.returnId))
    .map((accepted) =>
      fault(
        'lost',
        accepted.orderId,
        `return ${accepted.returnId}: accepted by the API (202) but not in its order`,
      ),
    );
}

/** Units per SKU that an order's returns hold (approved) or took back (completed). */
function returnedPerSku(returns: readonly ReturnFact[]): Map<string, number> {
  const returned = new Map<string, number>();
  for (const ret of returns.filter((r) => HOLDING.includes(r.status)))
    for (const line of ret.items) returned.set(line.sku, (returned.get(line.sku) ?? 0) + line.quantity);
  return returned;
}

function boughtPerSku(order: OrderFact): Map<string, number> {
  const bought = new Map<string, number>();
  for (const line of order.items) bought.set(line.sku, (bought.get(line.sku) ?? 0) + line.quantity);
  return bought;
}

function describeLines(lines: readonly { sku: string; quantity: number }[]): string {
  return lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ');
}
