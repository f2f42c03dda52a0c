import type { Document, MongoClient } from 'mongodb';

/** Documents keyed by a string id (the services' ids are uuids, SKUs and customer ids, never ObjectIds). */
type Keyed = Document & { _id: string };
import {
  sagaShapes,
  type AccountFact,
  type HistoryFact,
  type ReturnFact,
  type Snapshot,
} from '../checker/index.ts';
import { accountLedger } from './account-ledger.ts';
import { databaseOf } from './harness-settings.ts';
import { readWithArchive } from './read-with-archive.ts';

/** The run's own ids: the snapshot holds only what they name, whatever else the databases keep. */
export interface RunScope {
  readonly customers: readonly string[];
  readonly skus: readonly string[];
}

const size = (value: unknown) => (Array.isArray(value) ? value.length : 0);
const num = (value: unknown) => (typeof value === 'number' ? value : Number(value ?? 0));
const str = (value: unknown) => (typeof value === 'string' ? value : null);
const time = (value: unknown) => (value instanceof Date ? value.getTime() : num(value));
const lines = (value: unknown) =>
  ((value ?? []) as Document[]).map((l) => ({ sku: String(l.sku), quantity: num(l.quantity) }));

/**
 * Reads the facts the checker judges straight from the four services' databases: the orders of the
 * run's customers, and the sagas, reservations and payments of those orders, the run's SKUs and
 * accounts (with their settled charges and refunds, from `ledger_entries`). Direct reads, no service involved, so a snapshot can be taken whatever runs.
 */
export async function readSnapshot(client: MongoClient, scope: RunScope): Promise<Snapshot> {
  const db = (service: Parameters<typeof databaseOf>[0]) => client.db(databaseOf(service));
  // Settled orders move to `orders_finished` once order.created is sent (order-service's order-model.ts).
  const orderDocs = await readWithArchive<Keyed>(
    db('order-service'),
    { hot: 'orders', archive: 'orders_finished' },
    { customerId: { $in: [...scope.customers] } },
  );
  const orderIds = orderDocs.map((o) => o._id);
  // The order saga is keyed by its order id (its `keyName`), and so is each return's saga, told apart
  // by its `instance` (the return id); the collections may hold sagas of other definitions.
  // Finished sagas, reservations and payments move to their archives once their last messages are
  // sent (service-kit's finished-archive.ts): each is read from both.
  const [sagaDocs, reservationDocs, paymentDocs, stockDocs, accountDocs, restockDocs] = await Promise.all([
    readWithArchive<Keyed>(
      db('orchestrator-service'),
      { hot: 'sagas', archive: 'sagas_finished' },
      { saga: { $in: sagaShapes.map((shape) => shape.name) }, key: { $in: orderIds } },
    ),
    readWithArchive<Keyed>(
      db('inventory-service'),
      { hot: 'reservations', archive: 'reservations_finished' },
      { _id: { $in: orderIds } },
    ),
    readWithArchive<Keyed>(
      db('payment-service'),
      { hot: 'payments', archive: 'payments_finished' },
      { _id: { $in: orderIds } },
    ),
    db('inventory-service')
      .collection<Keyed>('stocks')
      .find({ _id: { $in: [...scope.skus] } })
      .toArray(),
    db('payment-service')
      .collection<Keyed>('accounts')
      .find({ _id: { $in: [...scope.customers] } })
      .toArray(),
    // One per return inventory was asked to take back, by return id (inventory-service's restock-model.ts).
    db('inventory-service')
      .collection<Keyed>('restocks')
      .find({ orderId: { $in: orderIds } })
      .toArray(),
  ]);
  // The accounts' settled charges and refunds, read after the accounts (account-ledger.ts says why).
  const settledEntries = await db('payment-service')
    .collection('ledger_entries')
    .find({ customerId: { $in: [...scope.customers] } })
    .toArray();
  const settledOf = new Map<unknown, Document[]>();
  for (const entry of settledEntries) {
    const ofCustomer = settledOf.get(entry.customerId) ?? [];
    ofCustomer.push(entry);
    settledOf.set(entry.customerId, ofCustomer);
  }
  return {
    orders: orderDocs.map((o) => ({
      orderId: o._id,
      customerId: String(o.customerId),
      status: String(o.status),
      cancelReason: str(o.cancelReason),
      total: o.total === null || o.total === undefined ? null : num(o.total),
      items: lines(o.items),
      outboxSize: size(o.outbox),
      returns: ((o.returns ?? []) as Document[]).map((r): ReturnFact => ({
        returnId: String(r.returnId),
        status: String(r.status),
        items: lines(r.items),
        refunded: r.refunded === null || r.refunded === undefined ? null : num(r.refunded),
        rejectReason: str(r.rejectReason),
      })),
    })),
    sagas: sagaDocs.map((s) => ({
      sagaId: s._id,
      saga: String(s.saga),
      orderId: String(s.key),
      returnId: str(s.instance),
      status: String(s.status),
      steps: (s.steps as Document[]).map((step) => ({
        name: String(step.name),
        status: String(step.status),
      })),
      history: (s.history as Document[]).map((h): HistoryFact => ({
        direction: String(h.direction),
        topic: String(h.topic),
        messageId: String(h.messageId),
        at: time(h.at),
        outcome: str(h.outcome),
        status: str(h.status),
      })),
      version: num(s.version),
      outboxSize: size(s.outbox),
    })),
    reservations: reservationDocs.map((r) => ({
      orderId: r._id,
      status: String(r.status),
      outboxSize: size(r.outbox),
    })),
    payments: paymentDocs.map((p) => ({
      orderId: p._id,
      status: String(p.status),
      amountMinor: num((p.amount as Document | undefined)?.amountMinor),
      returnRefunds: ((p.returnRefunds ?? []) as Document[]).map((r) => ({
        returnId: String(r.returnId),
        amountMinor: num((r.amount as Document | undefined)?.amountMinor),
      })),
      outboxSize: size(p.outbox),
    })),
    stocks: stockDocs.map((s) => ({
      sku: s._id,
      available: num(s.available),
      reserved: num(s.reserved),
      sold: num(s.sold),
      received: num(s.received),
      holds: ((s.holds ?? []) as Document[]).map((h) => ({
        orderId: String(h.orderId),
        quantity: num(h.quantity),
      })),
      restocks: ((s.restocks ?? []) as Document[]).map((r) => ({
        returnId: String(r.returnId),
        quantity: num(r.quantity),
      })),
    })),
    restocks: restockDocs.map((r) => ({
      returnId: r._id,
      orderId: String(r.orderId),
      status: String(r.status),
      outboxSize: size(r.outbox),
    })),
    accounts: accountDocs.map((a): AccountFact => {
      const totals = (a.totals ?? {}) as Document;
      return {
        customerId: a._id,
        balance: num(a.balance),
        funded: num(totals.funded),
        charged: num(totals.charged),
        // Orders' refunds and returns' refunds, each with a total of its own (payment-service's account.ts).
        refunded: num(totals.refunded) + num(totals.returnRefunded),
        ...accountLedger(a, settledOf.get(a._id) ?? []),
      };
    }),
  };
}

/**
 * What still moves: orders and returns not ended, outboxes not empty, sagas, payments and reservations half done,
 * and the late successes of cancelled orders still to be undone (a reservation still held or a
 * payment still kept: the saga releases or refunds them when their late reply reaches it).
 */
export function pendingWork(snapshot: Snapshot): {
  pendingOrders: number;
  /** Returns neither COMPLETED nor REJECTED yet. */
  pendingReturns: number;
  unsent: number;
  unfinished: number;
} {
  const cancelled = new Set(snapshot.orders.filter((o) => o.status === 'CANCELLED').map((o) => o.orderId));
  const inFlight = ['RESERVING', 'ROLLING_BACK', 'COMMITTING', 'RELEASING'];
  return {
    pendingOrders: snapshot.orders.filter((o) => o.status === 'PENDING').length,
    pendingReturns: snapshot.orders
      .flatMap((o) => o.returns)
      .filter((r) => r.status !== 'COMPLETED' && r.status !== 'REJECTED').length,
    unsent: [snapshot.orders, snapshot.sagas, snapshot.reservations, snapshot.payments, snapshot.restocks]
      .flat()
      .reduce((n, doc) => n + doc.outboxSize, 0),
    unfinished:
      snapshot.sagas.filter(
        (s) =>
          // COMPLETING and CANCELLING await the order's acknowledgement, re-sending until it comes.
          ['RUNNING', 'COMPENSATING', 'COMPLETING', 'CANCELLING'].includes(s.status) ||
          s.steps.some((step) => step.status === 'COMPENSATING'),
      ).length +
      snapshot.payments.filter(
        (p) =>
          ['PENDING', 'REFUNDING'].includes(p.status) ||
          (p.status === 'SUCCEEDED' && cancelled.has(p.orderId)),
      ).length +
      snapshot.reservations.filter(
        (r) => inFlight.includes(r.status) || (r.status === 'RESERVED' && cancelled.has(r.orderId)),
      ).length +
      snapshot.restocks.filter((r) => r.status === 'PENDING').length,
  };
}
