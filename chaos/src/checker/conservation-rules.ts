import { catalogueTotal } from './catalogue-total.ts';
import { fault, type Fault } from './fault.ts';
import type { OrderFact, ReturnFact, RunInputs } from './facts.ts';
import type { SnapshotIndex } from './snapshot-index.ts';

/** The completed returns of the confirmed orders: what came back, and what was given back for it. */
const completedReturns = (orders: readonly OrderFact[]): { customerId: string; ret: ReturnFact }[] =>
  orders
    .filter((o) => o.status === 'CONFIRMED')
    .flatMap((o) =>
      o.returns.filter((r) => r.status === 'COMPLETED').map((ret) => ({ customerId: o.customerId, ret })),
    );

/**
 * Units are neither made nor lost: per SKU, available + reserved + sold equals what was put in,
 * `reserved` is the sum of the holds and nothing stays reserved once every order ended, the restock
 * markers add up to exactly what the completed returns took back, and `sold` is exactly what the
 * confirmed orders bought less that (so a double commit or a double restock shows, even when it
 * balances).
 */
export function checkStock(inputs: RunInputs, index: SnapshotIndex, orders: readonly OrderFact[]): Fault[] {
  const faults: Fault[] = [];
  const soldTo = new Map<string, number>();
  for (const order of orders.filter((o) => o.status === 'CONFIRMED'))
    for (const line of order.items) soldTo.set(line.sku, (soldTo.get(line.sku) ?? 0) + line.quantity);
  const returnedBy = new Map<string, number>();
  for (const { ret } of completedReturns(orders))
    for (const line of ret.items) returnedBy.set(line.sku, (returnedBy.get(line.sku) ?? 0) + line.quantity);

  for (const [sku, putIn] of Object.entries(inputs.stock)) {
    const add = (message: string) => faults.push(fault('conservation', sku, message));
    const stock = index.stocks.get(sku);
    if (!stock) {
      add(`${putIn} units were put in but the SKU is gone`);
      continue;
    }
    const { available, reserved, sold, received } = stock;
    if (available + reserved + sold !== putIn)
      add(
        `available ${available} + reserved ${reserved} + sold ${sold} = ${available + reserved + sold}, but ${putIn} were put in`,
      );
    if (received !== putIn) add(`received ${received}, but ${putIn} were put in`);
    const held = stock.holds.reduce((sum, h) => sum + h.quantity, 0);
    if (held !== reserved) add(`reserved ${reserved}, but its holds add up to ${held}`);
    if (reserved !== 0) add(`${reserved} units still reserved after every order ended`);
    const bought = soldTo.get(sku) ?? 0;
    const returned = returnedBy.get(sku) ?? 0;
    if (sold !== bought - returned)
      add(
        returned === 0
          ? `sold ${sold}, but the confirmed orders bought ${bought}`
          : `sold ${sold}, but the confirmed orders bought ${bought} and their completed returns took back ${returned}`,
      );
    const restocked = stock.restocks.reduce((sum, r) => sum + r.quantity, 0);
    if (restocked !== returned)
      add(`restocked ${restocked}, but the completed returns took back ${returned}`);
    if (available < 0 || reserved < 0 || sold < 0) add('a counter went negative');
  }
  for (const sku of index.stocks.keys()) {
    if (!(sku in inputs.stock)) faults.push(fault('unexpected', sku, 'stock exists for a SKU nobody put in'));
  }
  return faults;
}

/**
 * Money is neither made nor lost: per customer, balance + charged − refunded equals the starting
 * balance (and is all the funding there was), each total is the sum of its ledger list, and what was
 * kept is exactly what the confirmed orders cost at the catalogue prices, less what their completed
 * returns' lines cost (each return refunded once: a second refund shows here too).
 */
export function checkMoney(inputs: RunInputs, index: SnapshotIndex, orders: readonly OrderFact[]): Fault[] {
  const faults: Fault[] = [];
  const spentBy = new Map<string, number>();
  for (const order of orders.filter((o) => o.status === 'CONFIRMED'))
    // An order with a SKU that has no price cannot be confirmed; the order rules report one that was.
    spentBy.set(
      order.customerId,
      (spentBy.get(order.customerId) ?? 0) + (catalogueTotal(order, inputs) ?? 0),
    );

  const returnedTo = new Map<string, number>();
  for (const { customerId, ret } of completedReturns(orders))
    returnedTo.set(customerId, (returnedTo.get(customerId) ?? 0) + (catalogueTotal(ret, inputs) ?? 0));

  for (const [customerId, start] of Object.entries(inputs.balances)) {
    const add = (message: string) => faults.push(fault('conservation', customerId, message));
    const account = index.accounts.get(customerId);
    if (!account) {
      add(`started with ${start} but the account is gone`);
      continue;
    }
    const { balance, funded, charged, refunded } = account;
    if (balance + charged - refunded !== start)
      add(
        `balance ${balance} + charged ${charged} − refunded ${refunded} = ${balance + charged - refunded}, but it started with ${start}`,
      );
    if (funded !== start) add(`funded ${funded}, but it started with ${start}`);
    const chargeSum = account.charges.reduce((sum, c) => sum + c.amountMinor, 0);
    const refundSum = account.refunds.reduce((sum, r) => sum + r.amountMinor, 0);
    if (chargeSum !== charged) add(`charged ${charged}, but its charges add up to ${chargeSum}`);
    if (refundSum !== refunded) add(`refunded ${refunded}, but its refunds add up to ${refundSum}`);
    const spent = spentBy.get(customerId) ?? 0;
    const returned = returnedTo.get(customerId) ?? 0;
    if (charged - refunded !== spent - returned)
      add(
        returned === 0
          ? `kept ${charged - refunded}, but the confirmed orders cost ${spent}`
          : `kept ${charged - refunded}, but the confirmed orders cost ${spent} less ${returned} for their completed returns`,
      );
    if (balance < 0) add('balance went negative');
  }
  for (const customerId of index.accounts.keys()) {
    if (!(customerId in inputs.balances))
      faults.push(fault('unexpected', customerId, 'an account exists for a customer nobody funded'));
  }
  return faults;
}
