import type { OrderLine, OrderRequest } from './platform-api.ts';
import type { Random } from './random.ts';

/** The returns one request sends at once (concurrent), as lines of the order. */
export type ReturnWave = readonly (readonly OrderLine[])[];

/**
 * What the driver asks back of one order once it has ended, drawn when the order is placed (so a
 * seed replays it): waves of return requests, each wave sent at once and the next once the last
 * was accepted. Which waves depends on how the order ended.
 */
export interface ReturnPlan {
  /** What the plan exercises, for the summary: partial, over, second, concurrent, none. */
  readonly kind: 'none' | 'partial' | 'over' | 'second' | 'concurrent';
  /** Sent once the order is CONFIRMED. */
  readonly ifConfirmed: readonly ReturnWave[];
  /** Sent once the order is CANCELLED: a return the order must reject (ORDER_NOT_CONFIRMED). */
  readonly ifCancelled: readonly ReturnWave[];
}

const noPlan: ReturnPlan = { kind: 'none', ifConfirmed: [], ifCancelled: [] };

/**
 * Draws the returns of one order. Most orders get none; the rest mostly send back part of what they
 * bought (which must complete), some more than they bought (which must be rejected), some a second
 * return after the first (the rest of a line, or one unit more than is left), and some two returns at
 * once of the same line (at most what was bought in total may come back, whichever wins). A few
 * also try to send back lines of the order should it be cancelled.
 */
export function drawReturnPlan(order: OrderRequest, random: Random, share = 0.4): ReturnPlan {
  if (!random.chance(share)) return noPlan;
  const ifCancelled: ReturnWave[] = random.chance(0.25) ? [[[lineOf(order, random)]]] : [];
  const roll = random.next();
  if (roll < 0.4) return { kind: 'partial', ifConfirmed: [[partOf(order, random)]], ifCancelled };
  if (roll < 0.55) {
    const line = lineOf(order, random);
    return {
      kind: 'over',
      ifConfirmed: [[[{ sku: line.sku, quantity: line.quantity + random.int(1, 2) }]]],
      ifCancelled,
    };
  }
  const line = lineOf(order, random);
  if (roll < 0.75) {
    // One unit first, then the rest, or one more than the rest.
    const rest = line.quantity - 1 + (random.chance(0.5) ? 1 : 0);
    const second = rest > 0 ? [[[{ sku: line.sku, quantity: rest }]]] : [];
    return { kind: 'second', ifConfirmed: [[[{ sku: line.sku, quantity: 1 }]], ...second], ifCancelled };
  }
  // Two at once: each of the whole line (one must lose), or of a unit each (both fit when two were bought).
  const quantity = random.chance(0.6) ? line.quantity : 1;
  return {
    kind: 'concurrent',
    ifConfirmed: [[[{ sku: line.sku, quantity }], [{ sku: line.sku, quantity }]]],
    ifCancelled,
  };
}

function lineOf(order: OrderRequest, random: Random): OrderLine {
  return random.pick(order.items);
}

/** Some of the order's lines, each with some of its units: never more than bought. */
function partOf(order: OrderRequest, random: Random): OrderLine[] {
  const lines = order.items.filter((_, i) => i === 0 || random.chance(0.5));
  return lines.map((line) => ({ sku: line.sku, quantity: random.int(1, line.quantity) }));
}
