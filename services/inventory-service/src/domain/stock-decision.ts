import { decision, noArrayElementWith, type Decision } from '@saga/service-kit';
import type { StockDocument } from '../model/stock-model.ts';
import { holdOf } from './stock-hold.ts';

/**
 * The stock of one SKU (an aggregate; id = the SKU) and what each change does to it, decided on the
 * document as read. Every change is one update that moves units between `available`, `reserved` and
 * `sold` together with the order's hold marker, guarded by the values it was decided on, so:
 *
 * - a step happens at most once per order and SKU however often it is repeated (the hold marker),
 * - no counter goes negative, and `available + reserved + sold = received` holds after every update.
 *
 * A guard that misses means another process changed the SKU after the read; the aggregate runtime
 * then decides again on a fresh read.
 *
 * What of the stock the decisions read:
 */
export type StockState = Pick<StockDocument, 'available' | 'reserved' | 'holds'>;

/** A line's stock as a read sees it, without changing anything. */
export type LineState = 'HELD' | 'AVAILABLE' | 'OUT_OF_STOCK' | 'SKU_NOT_FOUND';

/** What trying to hold one line's stock came to. */
export type HoldOutcome = 'HELD' | 'ALREADY_HELD' | 'OUT_OF_STOCK' | 'SKU_NOT_FOUND';

/** Where a hold's units go when it is removed: back to the free stock, or sold. */
export type HoldDestination = 'available' | 'sold';

/** Whether `orderId` holds stock of the SKU, or else whether `quantity` units are free, or the SKU exists at all. */
export function lineStateOf(stock: StockState | null, orderId: string, quantity: number): LineState {
  if (!stock) return 'SKU_NOT_FOUND';
  if (orderHold(stock, orderId)) return 'HELD';
  return stock.available >= quantity ? 'AVAILABLE' : 'OUT_OF_STOCK';
}

/**
 * Holds `quantity` units for `orderId`: available → reserved, plus the order's hold marker. An order
 * that holds the SKU already moves nothing (ALREADY_HELD), nor does one that does not fit.
 */
export function decideHold(
  stock: StockState | null,
  orderId: string,
  quantity: number,
): Decision<HoldOutcome> {
  if (!stock) return decision.none('SKU_NOT_FOUND');
  if (orderHold(stock, orderId)) return decision.none('ALREADY_HELD');
  if (stock.available < quantity) return decision.none('OUT_OF_STOCK');
  return decision.update(
    {
      $inc: { available: -quantity, reserved: quantity },
      $push: { holds: holdOf(orderId, quantity) },
    },
    'HELD',
    { guard: { available: stock.available, ...noArrayElementWith({ 'holds.orderId': orderId }) } },
  );
}

/**
 * Removes the order's hold and moves its units from `reserved` to `to` (given back or sold). Without a
 * hold of the order it changes nothing: given back or sold already, or never held. The hold is removed
 * by its exact value with `$pullAll` (positional `$` and arrayFilters are unavailable; a `$pull` value
 * is a condition on MongoDB but a whole value on FerretDB), rebuilt by `holdOf` from the hold as read.
 * @returns whether units moved
 */
export function decideRemoveHold(
  stock: StockState | null,
  orderId: string,
  to: HoldDestination,
): Decision<boolean> {
  const hold = stock && orderHold(stock, orderId);
  if (!stock || !hold || stock.reserved < hold.quantity) return decision.none(false);
  return decision.update(
    {
      $inc: { reserved: -hold.quantity, [to]: hold.quantity },
      $pullAll: { holds: [holdOf(orderId, hold.quantity)] },
    },
    true,
    { guard: { reserved: stock.reserved, 'holds.orderId': orderId } },
  );
}

/**
 * Sets the free stock (creating the SKU if it is new), leaving what is reserved or sold alone.
 * `received` moves by the same difference, taken against the value the update replaces (it is guarded
 * by it), so conservation holds and a racing reservation is not lost.
 */
export function decideSetAvailable(stock: StockState | null, available: number): Decision<'CREATED' | 'SET'> {
  if (!stock) {
    return decision.insert({ available, reserved: 0, sold: 0, received: available, holds: [] }, 'CREATED');
  }
  if (stock.available === available) return decision.none('SET');
  return decision.update({ $set: { available }, $inc: { received: available - stock.available } }, 'SET', {
    guard: { available: stock.available },
  });
}

/** The order's hold on the SKU, if it has one. */
function orderHold(stock: StockState, orderId: string) {
  return stock.holds.find((hold) => hold.orderId === orderId);
}
