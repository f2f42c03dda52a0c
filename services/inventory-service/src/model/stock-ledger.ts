import mongoose from 'mongoose';
import { arrayElementWith, isDuplicateKeyError, noArrayElementWith } from '@saga/service-kit';
import { createKeyedLock } from '../concurrency/keyed-lock.ts';
import { StockContentionError } from './stock-contention-error.ts';
import { holdOf, type StockDocument, type StockModel } from './stock-model.ts';

/** What trying to hold one line's stock came to. */
export type HoldOutcome = 'HELD' | 'ALREADY_HELD' | 'OUT_OF_STOCK' | 'SKU_NOT_FOUND';

/** A line's stock as a read sees it, without changing anything. */
export type LineState = 'HELD' | 'AVAILABLE' | 'OUT_OF_STOCK' | 'SKU_NOT_FOUND';

/**
 * Every change to a SKU's stock. Each is one conditional single-document update: counters move
 * between `available`, `reserved` and `sold` in the same update that adds or removes the order's
 * hold marker, so each step happens at most once per order and SKU however often it is retried, and
 * the conditional `$inc` never lets a counter go negative.
 *
 * On FerretDB 1.x (PostgreSQL or SQLite) that is not enough by itself: it applies an update as a read and a
 * separate write, so two updates of one document at the same moment can both "succeed" while one is
 * lost (two orders take the last unit). Hence every write here also runs under a per-SKU lock of the
 * process, and the service talks to the store over a single connection (see single-store-connection.ts).
 */
export interface StockLedger {
  /**
   * Holds `quantity` units of `sku` for `orderId`: available → reserved, plus the order's hold marker.
   * A second call for the same order and SKU moves nothing and answers ALREADY_HELD.
   */
  takeHold(sku: string, orderId: string, quantity: number): Promise<HoldOutcome>;
  /** Whether `orderId` holds stock of `sku`, or else whether `quantity` units are free, or the SKU exists at all. */
  lineState(sku: string, orderId: string, quantity: number): Promise<LineState>;
  /**
   * Gives the order's held units of `sku` back (reserved → available) and removes its hold marker.
   * Without a hold marker it changes nothing: they were given back or sold already, or never held.
   * @returns whether units moved
   */
  releaseHold(sku: string, orderId: string, quantity: number): Promise<boolean>;
  /** Sells the order's held units of `sku` (reserved → sold) and removes its hold marker; idempotent like releaseHold. */
  commitHold(sku: string, orderId: string, quantity: number): Promise<boolean>;
  /**
   * Sets the free stock of `sku` (creating the SKU if new), leaving what is reserved or sold alone.
   * `received` moves by the same difference, so conservation holds; the difference is taken against
   * the value the update replaces (the update is conditional on it), so a racing reservation is not lost.
   * @throws StockContentionError when the stock kept changing under it
   */
  setAvailable(sku: string, available: number): Promise<StockDocument>;
}

/**
 * A hold whose guard missed while a read then shows enough stock (units came back in between, from
 * another process) is tried again, this many times in all, before the line counts as out of stock.
 */
const HOLD_ATTEMPTS = 5;

/** Optimistic rounds for setting the free stock before giving up. */
const SET_ATTEMPTS = 10;

export function createStockLedger(Stock: StockModel): StockLedger {
  const lock = createKeyedLock();

  const lineState = async (sku: string, orderId: string, quantity: number): Promise<LineState> => {
    const stock = await Stock.findById(sku, { available: 1, holds: 1 }).lean();
    if (!stock) return 'SKU_NOT_FOUND';
    if (stock.holds.some((hold) => hold.orderId === orderId)) return 'HELD';
    return stock.available >= quantity ? 'AVAILABLE' : 'OUT_OF_STOCK';
  };

  const moveHeld = (sku: string, orderId: string, quantity: number, to: 'available' | 'sold') =>
    lock.run(sku, async () => {
      // Positional `$` and arrayFilters are unavailable, so the hold is matched by its order id and
      // removed by its exact value (FerretDB's `$pull` compares whole values), which holdOf rebuilds
      // from the reservation's fixed line. The match is arrayElementWith's: the plain dotted equality
      // matches nothing in an update on FerretDB over PostgreSQL.
      const result = await Stock.updateOne(
        {
          _id: sku,
          ...arrayElementWith({ 'holds.orderId': orderId }),
          reserved: mongoose.trusted({ $gte: quantity }),
        },
        { $inc: { reserved: -quantity, [to]: quantity }, $pull: { holds: holdOf(orderId, quantity) } },
      );
      return result.modifiedCount === 1;
    });

  return {
    takeHold: (sku, orderId, quantity) =>
      lock.run(sku, async () => {
        for (let attempt = 1; attempt <= HOLD_ATTEMPTS; attempt++) {
          const result = await Stock.updateOne(
            {
              _id: sku,
              available: mongoose.trusted({ $gte: quantity }),
              ...noArrayElementWith({ 'holds.orderId': orderId }),
            },
            {
              $inc: { available: -quantity, reserved: quantity },
              $push: { holds: holdOf(orderId, quantity) },
            },
          );
          if (result.modifiedCount === 1) return 'HELD';
          // The guard missed: find out why, since the reply must say which SKU failed and how.
          const state = await lineState(sku, orderId, quantity);
          if (state === 'HELD') return 'ALREADY_HELD';
          if (state !== 'AVAILABLE') return state;
        }
        return 'OUT_OF_STOCK';
      }),

    lineState,
    releaseHold: (sku, orderId, quantity) => moveHeld(sku, orderId, quantity, 'available'),
    commitHold: (sku, orderId, quantity) => moveHeld(sku, orderId, quantity, 'sold'),

    setAvailable: (sku, available) =>
      lock.run(sku, async () => {
        for (let attempt = 1; attempt <= SET_ATTEMPTS; attempt++) {
          const current = await Stock.findById(sku, { available: 1 }).lean();
          if (!current) {
            try {
              return (await Stock.create({ _id: sku, available, received: available })).toObject();
            } catch (error) {
              if (isDuplicateKeyError(error)) continue; // created meanwhile (by another process): update it
              throw error;
            }
          }
          const updated = await Stock.findOneAndUpdate(
            { _id: sku, available: current.available },
            { $set: { available }, $inc: { received: available - current.available } },
            { returnDocument: 'after' },
          ).lean();
          if (updated) return updated;
        }
        throw new StockContentionError(sku, SET_ATTEMPTS);
      }),
  };
}
