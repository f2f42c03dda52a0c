import type { RunInputs } from '../checker/index.ts';
import type { OrderRequest } from './platform-api.ts';
import type { Random } from './random.ts';
import type { RunScope } from './read-snapshot.ts';

/**
 * What a run puts in and what it orders, with names of its own (a run prefix), so that runs never
 * share stock or accounts: plentiful and scarce SKUs (scarce ones run out: OUT_OF_STOCK), an unknown
 * SKU (SKU_NOT_FOUND), rich and poor customers (poor ones get declined: PAYMENT_DECLINED) and customers
 * without an account (ACCOUNT_NOT_FOUND).
 */
export interface Scenario {
  readonly prefix: string;
  readonly stock: Readonly<Record<string, number>>;
  /** The catalogue price per SKU, in euro cents, set with its stock. */
  readonly prices: Readonly<Record<string, number>>;
  readonly balances: Readonly<Record<string, number>>;
  readonly unknownSkus: readonly string[];
  readonly unknownCustomers: readonly string[];
  /** Draws the next order. */
  nextOrder(): OrderRequest;
  scope(): RunScope;
  inputs(accepted: readonly string[], acceptedReturns?: RunInputs['acceptedReturns']): RunInputs;
}

export function createScenario(prefix: string, random: Random): Scenario {
  const sku = (name: string) => `${prefix}-${name}`;
  const plentiful = ['BOOK', 'PEN', 'MUG', 'LAMP'].map(sku);
  const scarce = ['RARE', 'GOLD'].map(sku);
  const stock = Object.fromEntries([
    ...plentiful.map((s) => [s, 400] as const),
    ...scarce.map((s) => [s, 6] as const),
  ]);
  // Prices are the shop's: set with the stock, never sent with an order.
  const prices = Object.fromEntries(
    [...plentiful, ...scarce].map((s, i) => [s, [1250, 199, 899, 2500, 1800, 2400][i] ?? 100] as const),
  );
  const rich = ['ALICE', 'BOB', 'CAROL', 'DAN', 'ERIN'].map(sku);
  const poor = ['FRANK', 'GRACE', 'HEIDI'].map(sku);
  const balances = Object.fromEntries([
    ...rich.map((c) => [c, 5_000_000] as const),
    ...poor.map((c) => [c, 4_000] as const),
  ]);
  const unknownSkus = [sku('GHOST')];
  const unknownCustomers = ['NOBODY', 'STRANGER'].map(sku);

  const nextOrder = (): OrderRequest => {
    const roll = random.next();
    const customerId =
      roll < 0.6 ? random.pick(rich) : roll < 0.85 ? random.pick(poor) : random.pick(unknownCustomers);
    const pool = [...plentiful, ...plentiful, ...scarce];
    const lines = random.int(1, 3);
    const skus = new Set<string>();
    while (skus.size < lines) skus.add(random.pick(pool));
    if (random.chance(0.06)) skus.add(random.pick(unknownSkus));
    return {
      customerId,
      currency: 'EUR',
      items: [...skus].map((s) => ({ sku: s, quantity: random.int(1, 3) })),
    };
  };

  return {
    prefix,
    stock,
    prices,
    balances,
    unknownSkus,
    unknownCustomers,
    nextOrder,
    scope: () => ({
      customers: [...Object.keys(balances), ...unknownCustomers],
      skus: [...Object.keys(stock), ...unknownSkus],
    }),
    inputs: (accepted, acceptedReturns = []) => ({ stock, prices, balances, accepted, acceptedReturns }),
  };
}
