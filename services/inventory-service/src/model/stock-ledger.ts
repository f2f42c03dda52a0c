import type { AggregateRuntime, Applied, Decision } from '@saga/service-kit';
import {
  decideHold,
  decideRemoveHold,
  decideSetStock,
  lineStateOf,
  type HoldOutcome,
  type LineState,
  type Priced,
  type StockSetting,
} from '../domain/stock-decision.ts';
import type { StockDocument, StockModel } from './stock-model.ts';

export type { HoldOutcome, LineState, Priced, StockSetting } from '../domain/stock-decision.ts';

/**
 * Every change to a SKU's stock, each one `aggregates.apply` of a decision in stock-decision.ts on the
 * SKU's document (id = the SKU): read, decide, one guarded update, as the SKU's single writer. The
 * order's hold marker is the per-order dedupe, so each step happens at most once per order and SKU
 * however often it is repeated.
 *
 * A SKU is shared by orders of every partition; within the process its single writer serialises
 * them. Across processes nothing does, so on FerretDB the service runs as one replica (see
 * docs/architecture.md, "Replicas"). A guard lost to another process is decided again by the runtime's
 * one retry policy, then fails with GuardLostError (retriable).
 */
export interface StockLedger {
  /**
   * Holds `quantity` units of `sku` for `orderId` at its catalogue price, if it can be sold in
   * `currency` (null: any): available → reserved, plus the order's hold marker. A second call for the
   * same order and SKU moves nothing and answers ALREADY_HELD. The answer carries the price.
   */
  takeHold(
    sku: string,
    orderId: string,
    quantity: number,
    currency: string | null,
  ): Promise<Priced<HoldOutcome>>;
  /** What takeHold would find, without changing anything: held already, free, or why not, with the price. */
  lineState(
    sku: string,
    orderId: string,
    quantity: number,
    currency: string | null,
  ): Promise<Priced<LineState>>;
  /**
   * Gives the order's held units of `sku` back (reserved → available) and removes its hold marker.
   * Without a hold marker it changes nothing: they were given back or sold already, or never held.
   * @returns whether units moved
   */
  releaseHold(sku: string, orderId: string): Promise<boolean>;
  /** Sells the order's held units of `sku` (reserved → sold) and removes its hold marker; idempotent like releaseHold. */
  commitHold(sku: string, orderId: string): Promise<boolean>;
  /**
   * Sets the free stock and the catalogue price of `sku` (creating the SKU if new), leaving what is
   * reserved or sold alone; `received` moves by the same difference, so conservation holds.
   * @throws GuardLostError when another process kept changing the stock under it
   */
  setStock(sku: string, setting: StockSetting): Promise<StockDocument>;
}

export interface StockLedgerDeps {
  readonly Stock: StockModel;
  /** The service's aggregate runtime: every write to a SKU goes through it. */
  readonly aggregates: AggregateRuntime;
}

export function createStockLedger({ Stock, aggregates }: StockLedgerDeps): StockLedger {
  const apply = <R>(sku: string, decide: (stock: StockDocument | null) => Decision<R>) =>
    aggregates.apply<StockDocument, R>(Stock, sku, { decide });

  return {
    takeHold: async (sku, orderId, quantity, currency) =>
      resultOf(await apply(sku, (stock) => decideHold(stock, orderId, quantity, currency))),

    lineState: async (sku, orderId, quantity, currency) =>
      lineStateOf(
        await Stock.findById(sku, { available: 1, reserved: 1, holds: 1, price: 1, currency: 1 }).lean(),
        orderId,
        quantity,
        currency,
      ),

    releaseHold: async (sku, orderId) =>
      resultOf(await apply(sku, (stock) => decideRemoveHold(stock, orderId, 'available'))),

    commitHold: async (sku, orderId) =>
      resultOf(await apply(sku, (stock) => decideRemoveHold(stock, orderId, 'sold'))),

    setStock: async (sku, setting) => {
      const applied = await apply(sku, (stock) => decideSetStock(stock, setting));
      if (!applied.document) throw new TypeError(`stock ${sku} is missing after setting it`);
      return applied.document;
    },
  };
}

/** The decision's result: stock writes carry no message, so the runtime never answers `duplicate`. */
function resultOf<R>(applied: Applied<StockDocument, R>): R {
  if (applied.kind === 'duplicate')
    throw new TypeError('a stock write carries no message to be a duplicate of');
  return applied.result;
}
