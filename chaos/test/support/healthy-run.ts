import type { HistoryFact, RunInputs, SagaFact, Snapshot } from '../../src/checker/index.ts';

/** The facts without their `readonly`s, so that a test can break one in place. */
export type Mutable<T> = T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: Mutable<T[K]> }
    : T;

const T0 = 1_750_000_000_000;

export const received = (topic: string, outcome: string, status: string, at: number): HistoryFact => ({
  direction: 'RECEIVED',
  topic,
  messageId: `${topic}-${at}`,
  at,
  outcome,
  status,
});
export const sent = (topic: string, at: number): HistoryFact => ({
  direction: 'SENT',
  topic,
  messageId: `${topic}-sent-${at}`,
  at,
});
const steps = (reserve: string, payment: string, commit: string) => [
  { name: 'reserveInventory', status: reserve },
  { name: 'processPayment', status: payment },
  { name: 'commitInventory', status: commit },
];

function completedSaga(orderId: string, t: number): SagaFact {
  return {
    sagaId: `saga-${orderId}`,
    saga: 'order',
    orderId,
    returnId: null,
    status: 'COMPLETED',
    steps: steps('SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED'),
    history: [
      received('order.created', 'STARTED', 'RUNNING', t),
      sent('inventory.reserve', t),
      received('inventory.reserved', 'APPLIED', 'RUNNING', t + 1),
      sent('payment.request', t + 1),
      received('payment.success', 'APPLIED', 'RUNNING', t + 2),
      sent('inventory.commit', t + 2),
      received('inventory.completed', 'APPLIED', 'COMPLETING', t + 3),
      sent('order.confirm', t + 3),
      received('order.confirmed', 'APPLIED', 'COMPLETED', t + 4),
    ],
    version: 4,
    outboxSize: 0,
  };
}

function cancelledByInventory(orderId: string, t: number): SagaFact {
  return {
    sagaId: `saga-${orderId}`,
    saga: 'order',
    orderId,
    returnId: null,
    status: 'CANCELLED',
    steps: steps('FAILED', 'PENDING', 'PENDING'),
    history: [
      received('order.created', 'STARTED', 'RUNNING', t),
      sent('inventory.reserve', t),
      received('inventory.failed', 'APPLIED', 'CANCELLING', t + 1),
      sent('order.cancel', t + 1),
      received('order.cancelled', 'APPLIED', 'CANCELLED', t + 2),
    ],
    version: 2,
    outboxSize: 0,
  };
}

function cancelledByPayment(orderId: string, t: number): SagaFact {
  return {
    sagaId: `saga-${orderId}`,
    saga: 'order',
    orderId,
    returnId: null,
    status: 'CANCELLED',
    steps: steps('COMPENSATED', 'FAILED', 'PENDING'),
    history: [
      received('order.created', 'STARTED', 'RUNNING', t),
      sent('inventory.reserve', t),
      received('inventory.reserved', 'APPLIED', 'RUNNING', t + 1),
      sent('payment.request', t + 1),
      received('payment.failed', 'APPLIED', 'COMPENSATING', t + 2),
      sent('inventory.release', t + 2),
      received('inventory.released', 'APPLIED', 'CANCELLING', t + 3),
      sent('order.cancel', t + 3),
      received('order.cancelled', 'APPLIED', 'CANCELLED', t + 4),
    ],
    version: 4,
    outboxSize: 0,
  };
}

/**
 * A small run where everything went right, one order of each kind:
 * - `confirmed`: alice buys 2 × A at 10.00 (A has 10 units, alice 100.00);
 * - `outOfStock`: alice wants 5 × B (B has 1);
 * - `declined`: bob (1.00) wants 1 × A at 10.00;
 * - `noAccount`: carol (no account) wants 1 × A;
 * - `unknownSku`: alice wants 1 × Z (never put in).
 */
export function healthyRun(): { inputs: Mutable<RunInputs>; snapshot: Mutable<Snapshot> } {
  const ids = { confirmed: 'o-1', outOfStock: 'o-2', declined: 'o-3', noAccount: 'o-4', unknownSku: 'o-5' };
  // Unpriced, as ordered; only a confirmed order records a total (the catalogue's: A costs 10.00).
  const order = (orderId: string, customerId: string, sku: string, quantity: number) => ({
    orderId,
    customerId,
    status: 'CANCELLED',
    cancelReason: null as string | null,
    total: null as number | null,
    items: [{ sku, quantity }],
    outboxSize: 0,
    returns: [],
  });
  const cancelled = (o: ReturnType<typeof order>, reason: string) => ({ ...o, cancelReason: reason });
  const snapshot: Snapshot = {
    orders: [
      { ...order(ids.confirmed, 'alice', 'A', 2), status: 'CONFIRMED', total: 2000 },
      cancelled(order(ids.outOfStock, 'alice', 'B', 5), 'OUT_OF_STOCK'),
      cancelled(order(ids.declined, 'bob', 'A', 1), 'PAYMENT_DECLINED'),
      cancelled(order(ids.noAccount, 'carol', 'A', 1), 'ACCOUNT_NOT_FOUND'),
      cancelled(order(ids.unknownSku, 'alice', 'Z', 1), 'SKU_NOT_FOUND'),
    ],
    sagas: [
      completedSaga(ids.confirmed, T0),
      cancelledByInventory(ids.outOfStock, T0 + 10),
      cancelledByPayment(ids.declined, T0 + 20),
      cancelledByPayment(ids.noAccount, T0 + 30),
      cancelledByInventory(ids.unknownSku, T0 + 40),
    ],
    reservations: [
      { orderId: ids.confirmed, status: 'COMMITTED', outboxSize: 0 },
      { orderId: ids.outOfStock, status: 'FAILED', outboxSize: 0 },
      { orderId: ids.declined, status: 'RELEASED', outboxSize: 0 },
      { orderId: ids.noAccount, status: 'RELEASED', outboxSize: 0 },
      { orderId: ids.unknownSku, status: 'FAILED', outboxSize: 0 },
    ],
    payments: [
      { orderId: ids.confirmed, status: 'SUCCEEDED', amountMinor: 2000, returnRefunds: [], outboxSize: 0 },
      { orderId: ids.declined, status: 'FAILED', amountMinor: 1000, returnRefunds: [], outboxSize: 0 },
      { orderId: ids.noAccount, status: 'FAILED', amountMinor: 1000, returnRefunds: [], outboxSize: 0 },
    ],
    stocks: [
      { sku: 'A', available: 8, reserved: 0, sold: 2, received: 10, holds: [], restocks: [] },
      { sku: 'B', available: 1, reserved: 0, sold: 0, received: 1, holds: [], restocks: [] },
    ],
    restocks: [],
    accounts: [
      {
        customerId: 'alice',
        balance: 8000,
        funded: 10_000,
        charged: 2000,
        refunded: 0,
        charges: [{ orderId: ids.confirmed, amountMinor: 2000 }],
        refunds: [],
      },
      { customerId: 'bob', balance: 100, funded: 100, charged: 0, refunded: 0, charges: [], refunds: [] },
    ],
  };
  const inputs: RunInputs = {
    stock: { A: 10, B: 1 },
    prices: { A: 1000, B: 100 },
    balances: { alice: 10_000, bob: 100 },
    accepted: Object.values(ids),
    acceptedReturns: [],
  };
  return structuredClone({ inputs, snapshot }) as { inputs: Mutable<RunInputs>; snapshot: Mutable<Snapshot> };
}

/** Looks a fact up by a predicate, failing the test at once when the fixture does not have it. */
export function find<T>(items: T[], predicate: (item: T) => boolean): T {
  const item = items.find(predicate);
  if (item === undefined) throw new Error('fixture has no such fact');
  return item;
}
