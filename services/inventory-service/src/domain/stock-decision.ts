import type { Money } from '@saga/contracts';
import { decision, noArrayElementWith, type Decision } from '@saga/service-kit';
import type { StockDocument } from '../model/stock-model.ts';
import { cataloguePrice } from './catalogue-price.ts';
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
export type StockState = Pick<StockDocument, 'available' | 'reserved' | 'holds' | 'price' | 'currency'>;

/**
 * Why a line cannot be sold at all, whatever the stock: the SKU is unknown, has no catalogue price
 * (PRICE_NOT_SET: not for sale), or is priced in another currency than the order (CURRENCY_MISMATCH).
 */
export type UnsellableState = 'SKU_NOT_FOUND' | 'PRICE_NOT_SET' | 'CURRENCY_MISMATCH';

/** A line's stock as a read sees it, without changing anything. */
export type LineState = 'HELD' | 'AVAILABLE' | 'OUT_OF_STOCK' | UnsellableState;

/** What trying to hold one line's stock came to. */
export type HoldOutcome = 'HELD' | 'ALREADY_HELD' | 'OUT_OF_STOCK' | UnsellableState;

/**
 * What a line came to, with the SKU's catalogue price as the same read saw it (null for an unknown
 * SKU or one without a price), so the price a line is sold at is the one its stock was held under.
 */
export interface Priced<S> {
  readonly outcome: S;
  readonly unitPrice: Money | null;
}

/** Where a hold's units go when it is removed: back to the free stock, or sold. */
export type HoldDestination = 'available' | 'sold';

/**
 * Whether the SKU can be sold to an order in `currency` (null: in any currency) at all: it exists,
 * has a catalogue price, and that price is in the order's currency. Null when it can.
 */
export function unsellableStateOf(stock: StockState | null, currency: string | null): UnsellableState | null {
  if (!stock) return 'SKU_NOT_FOUND';
  const price = cataloguePrice(stock);
  if (!price) return 'PRICE_NOT_SET';
  if (currency !== null && price.currency !== currency) return 'CURRENCY_MISMATCH';
  return null;
}

/**
 * Whether `orderId` holds stock of the SKU, or else whether `quantity` units are free; after whether
 * the SKU can be sold in `currency` at all.
 */
export function lineStateOf(
  stock: StockState | null,
  orderId: string,
  quantity: number,
  currency: string | null,
): Priced<LineState> {
  const unitPrice = stock && cataloguePrice(stock);
  const unsellable = unsellableStateOf(stock, currency);
  if (unsellable || !stock) return { outcome: unsellable ?? 'SKU_NOT_FOUND', unitPrice };
  if (orderHold(stock, orderId)) return { outcome: 'HELD', unitPrice };
  return { outcome: stock.available >= quantity ? 'AVAILABLE' : 'OUT_OF_STOCK', unitPrice };
}

/**
 * Holds `quantity` units for `orderId` at the SKU's catalogue price: available → reserved, plus the
 * order's hold marker. A SKU that cannot be sold in `currency` (null: any) holds nothing; an order that
 * holds the SKU already moves nothing (ALREADY_HELD: a step repeated after a crash, priced at the
 * catalogue price as it is now), nor does one that does not fit. The update is guarded by the price
 * too, so the price answered is the one in force when the units were held.
 */
export function decideHold(
  stock: StockState | null,
  orderId: string,
  quantity: number,
  currency: string | null,
): Decision<Priced<HoldOutcome>> {
  const unitPrice = stock && cataloguePrice(stock);
  const unsellable = unsellableStateOf(stock, currency);
  if (unsellable || !stock) return decision.none({ outcome: unsellable ?? 'SKU_NOT_FOUND', unitPrice });
  if (orderHold(stock, orderId)) return decision.none({ outcome: 'ALREADY_HELD', unitPrice });
  if (stock.available < quantity) return decision.none({ outcome: 'OUT_OF_STOCK', unitPrice });
  return decision.update(
    {
      $inc: { available: -quantity, reserved: quantity },
      $push: { holds: holdOf(orderId, quantity) },
    },
    { outcome: 'HELD', unitPrice },
    {
      guard: {
        available: stock.available,
        // A missing field (stock from before prices) is matched by null.
        price: stock.price ?? null,
        currency: stock.currency ?? null,
        ...noArrayElementWith({ 'holds.orderId': orderId }),
      },
    },
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

/** What the admin sets on a SKU: its free stock and its catalogue price. */
export interface StockSetting {
  readonly available: number;
  /** In minor units of `currency`. */
  readonly price: number;
  /** ISO 4217 code, upper case. */
  readonly currency: string;
}

/**
 * Sets the free stock and the catalogue price (creating the SKU if it is new), leaving what is
 * reserved or sold alone. `received` moves by the same difference, taken against the value the update
 * replaces (it is guarded by it), so conservation holds and a racing reservation is not lost. The new
 * price applies to reservations from now on; stock held already keeps the price it was held at.
 */
export function decideSetStock(
  stock: StockState | null,
  { available, price, currency }: StockSetting,
): Decision<'CREATED' | 'SET'> {
  if (!stock) {
    return decision.insert(
      { available, reserved: 0, sold: 0, received: available, holds: [], price, currency },
      'CREATED',
    );
  }
  if (stock.available === available && stock.price === price && stock.currency === currency) {
    return decision.none('SET');
  }
  return decision.update(
    { $set: { available, price, currency }, $inc: { received: available - stock.available } },
    'SET',
    { guard: { available: stock.available } },
  );
}

/** The order's hold on the SKU, if it has one. */
function orderHold(stock: StockState, orderId: string) {
  return stock.holds.find((hold) => hold.orderId === orderId);
}
