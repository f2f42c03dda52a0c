import { catalogueTotal } from './catalogue-total.ts';
import { fault, type Fault } from './fault.ts';
import type { OrderFact, RunInputs } from './facts.ts';
import type { SnapshotIndex } from './snapshot-index.ts';

/** What one accepted order came to, for the summary. */
export type OrderOutcome = 'CONFIRMED' | `CANCELLED:${string}` | 'LOST';

/** A payment that took money and still holds it. */
const HOLDS_MONEY = ['SUCCEEDED', 'REFUNDING'];
/** Reservation statuses that a crash may leave half done: they must be driven to an end. */
const IN_FLIGHT = ['RESERVING', 'ROLLING_BACK', 'COMMITTING', 'RELEASING'];

/**
 * The cancel reasons the inputs allow for an order: inventory answers first (an unknown SKU, or a known
 * one that can run out), and payment is only asked once every line is held, so a payment reason needs
 * every SKU known, and ACCOUNT_NOT_FOUND a customer without an account. A step the saga gave up on
 * (INVENTORY_TIMED_OUT, PAYMENT_TIMED_OUT) is allowed whenever that step was reached.
 */
export function allowedCancelReasons(order: OrderFact, inputs: RunInputs): Set<string> {
  const skus = order.items.map((line) => line.sku);
  const unknownSku = skus.some((sku) => !(sku in inputs.stock));
  const knownSku = skus.some((sku) => sku in inputs.stock);
  const hasAccount = order.customerId in inputs.balances;
  const reasons = new Set<string>();
  if (unknownSku) reasons.add('SKU_NOT_FOUND');
  if (knownSku) reasons.add('OUT_OF_STOCK');
  if (!unknownSku && !hasAccount) reasons.add('ACCOUNT_NOT_FOUND');
  if (!unknownSku && hasAccount) reasons.add('PAYMENT_DECLINED');
  // A participant that stays away long enough makes the saga give up on its step, whatever the inputs.
  reasons.add('INVENTORY_TIMED_OUT');
  if (!unknownSku) reasons.add('PAYMENT_TIMED_OUT');
  return reasons;
}

/** Whether the inputs allow the order to be confirmed at all. */
export function confirmable(order: OrderFact, inputs: RunInputs): string | undefined {
  const balance = inputs.balances[order.customerId];
  if (balance === undefined) return `customer ${order.customerId} has no account`;
  const cost = catalogueTotal(order, inputs);
  if (cost !== undefined && cost > balance)
    return `its catalogue total ${cost} exceeds the starting balance ${balance}`;
  for (const line of order.items) {
    const stock = inputs.stock[line.sku];
    if (stock === undefined) return `SKU ${line.sku} is unknown`;
    if (line.quantity > stock) return `${line.quantity} × ${line.sku} exceeds the ${stock} units put in`;
  }
  return undefined;
}

/**
 * Judges one accepted order against its saga, payment, reservation, ledger and holds. Returns its
 * outcome and every fault found.
 */
export function checkOrder(
  orderId: string,
  inputs: RunInputs,
  index: SnapshotIndex,
): { outcome: OrderOutcome; faults: Fault[] } {
  const faults: Fault[] = [];
  const add = (kind: Fault['kind'], message: string) => faults.push(fault(kind, orderId, message));
  const order = index.orders.get(orderId);
  if (!order) {
    add('lost', 'accepted by the API (202) but not in the order database');
    return { outcome: 'LOST', faults };
  }

  const sagas = index.sagasOfOrder.get(orderId) ?? [];
  const charges = index.chargesOfOrder.get(orderId) ?? [];
  const refunds = index.refundsOfOrder.get(orderId) ?? [];
  const holds = index.holdsOfOrder.get(orderId) ?? [];
  const payment = index.paymentOfOrder.get(orderId);
  const reservation = index.reservationOfOrder.get(orderId);

  // Duplicated side effects, whatever the status.
  if (sagas.length > 1) add('duplicated', `${sagas.length} sagas for one order`);
  if (charges.length > 1) add('duplicated', `charged ${charges.length} times`);
  if (refunds.length > 1) add('duplicated', `refunded ${refunds.length} times`);
  const heldSkus = new Set(holds);
  if (heldSkus.size < holds.length) add('duplicated', `holds stock twice on one SKU (${holds.join(', ')})`);
  if (refunds.length > charges.length) add('duplicated', 'refunded more often than charged');

  // Things that never ended.
  if (order.outboxSize > 0) add('lost', `its ${order.outboxSize} outbox message(s) were never published`);
  if (sagas.length === 0) add('lost', `no saga was ever started (order is ${order.status})`);
  if (order.status === 'PENDING') {
    add('lost', `still PENDING after the drain${sagas[0] ? ` (saga ${sagas[0].status})` : ''}`);
    return { outcome: 'LOST', faults };
  }
  if (payment && ['PENDING', 'REFUNDING'].includes(payment.status))
    add('lost', `payment left ${payment.status}`);
  if (payment && payment.outboxSize > 0) add('lost', `payment outbox holds ${payment.outboxSize} message(s)`);
  if (reservation && IN_FLIGHT.includes(reservation.status))
    add('lost', `reservation left ${reservation.status}`);
  if (reservation && reservation.outboxSize > 0)
    add('lost', `reservation outbox holds ${reservation.outboxSize} message(s)`);

  const charged = charges.reduce((sum, c) => sum + c.amountMinor, 0);
  const refunded = refunds.reduce((sum, r) => sum + r.amountMinor, 0);

  if (order.status === 'CONFIRMED') {
    const impossible = confirmable(order, inputs);
    if (impossible) add('unexpected', `CONFIRMED although ${impossible}`);
    // What it costs is the catalogue's, whatever the order says; the order must say the same.
    const cost = catalogueTotal(order, inputs);
    if (charges.length === 0) add('unexpected', 'CONFIRMED with no charge');
    else if (charged - refunded !== cost)
      add('unexpected', `CONFIRMED with ${charged - refunded} kept for a catalogue total of ${cost}`);
    if (order.total !== cost)
      add(
        'unexpected',
        `CONFIRMED recording a total of ${order.total}, but the catalogue prices come to ${cost}`,
      );
    if (refunds.length > 0) add('unexpected', 'CONFIRMED but refunded');
    if (payment?.status !== 'SUCCEEDED')
      add('unexpected', `CONFIRMED with payment ${payment?.status ?? 'missing'}`);
    if (reservation?.status !== 'COMMITTED')
      add('unexpected', `CONFIRMED with reservation ${reservation?.status ?? 'missing'}`);
    if (holds.length > 0) add('unexpected', `CONFIRMED but still holds stock of ${holds.join(', ')}`);
    return { outcome: 'CONFIRMED', faults };
  }

  if (order.status !== 'CANCELLED') {
    add('unexpected', `status ${order.status} is none of PENDING, CONFIRMED, CANCELLED`);
    return { outcome: 'LOST', faults };
  }
  const reason = order.cancelReason ?? 'none';
  const allowed = allowedCancelReasons(order, inputs);
  if (!allowed.has(reason)) {
    add(
      'unexpected',
      `CANCELLED for ${reason}, which the inputs do not allow (only ${[...allowed].join(', ')})`,
    );
  }
  if (charged !== refunded) add('unexpected', `CANCELLED but charged ${charged} and refunded ${refunded}`);
  if (payment && HOLDS_MONEY.includes(payment.status))
    add('unexpected', `CANCELLED with payment ${payment.status} and no refund`);
  if (reservation?.status === 'COMMITTED') add('unexpected', 'CANCELLED but its stock was sold');
  if (reservation?.status === 'RESERVED') add('unexpected', 'CANCELLED with its reservation still RESERVED');
  if (holds.length > 0) add('unexpected', `CANCELLED with stock still held on ${holds.join(', ')}`);
  return { outcome: `CANCELLED:${reason}`, faults };
}
