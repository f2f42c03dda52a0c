import type { RunInputs, SagaFact, Snapshot } from '../../src/checker/index.ts';
import { find, healthyRun, received, sent, type Mutable } from './healthy-run.ts';

const T1 = 1_750_000_100_000;

const steps = (approve: string, restock: string, refund: string) => [
  { name: 'approveReturn', status: approve },
  { name: 'restock', status: restock },
  { name: 'refundReturn', status: refund },
];

/** A return saga that approved, restocked, refunded, and had the order record it COMPLETED. */
export function completedReturnSaga(orderId: string, returnId: string, t: number): Mutable<SagaFact> {
  return {
    sagaId: `saga-${returnId}`,
    saga: 'return',
    orderId,
    returnId,
    status: 'COMPLETED',
    steps: steps('SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED'),
    history: [
      received('order.return-requested', 'STARTED', 'RUNNING', t),
      sent('order.approve-return', t),
      received('order.return-approved', 'APPLIED', 'RUNNING', t + 1),
      sent('inventory.restock', t + 1),
      received('inventory.restocked', 'APPLIED', 'RUNNING', t + 2),
      sent('payment.refund-return', t + 2),
      received('payment.return-refunded', 'APPLIED', 'COMPLETING', t + 3),
      sent('order.complete-return', t + 3),
      received('order.return-completed', 'APPLIED', 'COMPLETED', t + 4),
    ],
    version: 4,
    outboxSize: 0,
  };
}

/** A return saga whose approval the order refused, and which had the order record it REJECTED. */
export function rejectedReturnSaga(orderId: string, returnId: string, t: number): Mutable<SagaFact> {
  return {
    sagaId: `saga-${returnId}`,
    saga: 'return',
    orderId,
    returnId,
    status: 'CANCELLED',
    steps: steps('FAILED', 'PENDING', 'PENDING'),
    history: [
      received('order.return-requested', 'STARTED', 'RUNNING', t),
      sent('order.approve-return', t),
      received('order.return-rejected', 'APPLIED', 'CANCELLING', t + 1),
      sent('order.cancel-return', t + 1),
      received('order.return-cancelled', 'APPLIED', 'CANCELLED', t + 2),
    ],
    version: 2,
    outboxSize: 0,
  };
}

/**
 * The healthy run (healthy-run.ts) with returns that all went right:
 * - `completed` (r-1): alice sends back 1 of the 2 × A of o-1, and gets 10.00 back; A is restocked;
 * - `moreThanBought` (r-2): alice then asks to send back 2 × A of o-1, one more than she kept: REJECTED;
 * - `notConfirmed` (r-3): alice asks to send back the 5 × B of o-2, which was cancelled: REJECTED.
 */
export function runWithReturns(): { inputs: Mutable<RunInputs>; snapshot: Mutable<Snapshot> } {
  const { inputs, snapshot } = healthyRun();
  const ids = { completed: 'r-1', moreThanBought: 'r-2', notConfirmed: 'r-3' };
  const confirmed = find(snapshot.orders, (o) => o.orderId === 'o-1');
  const cancelled = find(snapshot.orders, (o) => o.orderId === 'o-2');
  const ret = (returnId: string, sku: string, quantity: number) => ({
    returnId,
    status: 'REJECTED',
    items: [{ sku, quantity }],
    refunded: null as number | null,
    rejectReason: null as string | null,
  });
  confirmed.returns.push(
    { ...ret(ids.completed, 'A', 1), status: 'COMPLETED', refunded: 1000 },
    { ...ret(ids.moreThanBought, 'A', 2), rejectReason: 'MORE_THAN_BOUGHT' },
  );
  cancelled.returns.push({ ...ret(ids.notConfirmed, 'B', 5), rejectReason: 'ORDER_NOT_CONFIRMED' });
  snapshot.sagas.push(
    completedReturnSaga('o-1', ids.completed, T1),
    rejectedReturnSaga('o-1', ids.moreThanBought, T1 + 10),
    rejectedReturnSaga('o-2', ids.notConfirmed, T1 + 20),
  );
  const a = find(snapshot.stocks, (s) => s.sku === 'A');
  Object.assign(a, {
    available: 9,
    sold: 1,
    restocks: [{ returnId: ids.completed, quantity: 1 }],
  });
  snapshot.restocks.push({ returnId: ids.completed, orderId: 'o-1', status: 'DONE', outboxSize: 0 });
  find(snapshot.payments, (p) => p.orderId === 'o-1').returnRefunds.push({
    returnId: ids.completed,
    amountMinor: 1000,
  });
  const alice = find(snapshot.accounts, (acc) => acc.customerId === 'alice');
  alice.refunds.push({ orderId: 'o-1', amountMinor: 1000, returnId: ids.completed });
  alice.refunded += 1000;
  alice.balance += 1000;
  inputs.acceptedReturns.push(
    { orderId: 'o-1', returnId: ids.completed },
    { orderId: 'o-1', returnId: ids.moreThanBought },
    { orderId: 'o-2', returnId: ids.notConfirmed },
  );
  return { inputs, snapshot };
}
