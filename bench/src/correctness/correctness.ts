import type { OrderSummary } from '../saga/bench-platform.ts';
import { describeOutcome, endedAsExpected, type ExpectedOrder } from './expected-outcome.ts';

/** How many example order ids of each kind of failure a section keeps: enough to look some up. */
export const EXAMPLES = 5;

/**
 * Whether every order a section placed ended as it must. Timing plays no part: an order that ended
 * late but right is correct, one still PENDING when the section stopped waiting is stuck.
 */
export interface Correctness {
  /** Orders the section placed and checked. */
  readonly checked: number;
  /** Unknown to the order API: neither listed for its customer nor found by its id. */
  readonly lost: number;
  /** Still PENDING when the section stopped waiting: the platform had ended none for a while (await-settled.ts). */
  readonly stuck: number;
  /** Ended, but not as expected: another status, or a cancellation for another reason. */
  readonly wrong: number;
  /** A few order ids of each kind, to look up with GET /orders/<id> and GET /sagas?orderId=<id>. */
  readonly examples: {
    readonly lost: readonly string[];
    readonly stuck: readonly string[];
    readonly wrong: readonly string[];
  };
  /** How the wrong ones ended, against what was expected: `CANCELLED (OUT_OF_STOCK), expected CONFIRMED: 3`. */
  readonly wrongAs: Readonly<Record<string, number>>;
}

/** No order checked yet: what `addCorrectness` starts from. */
export const noOrdersChecked: Correctness = {
  checked: 0,
  lost: 0,
  stuck: 0,
  wrong: 0,
  examples: { lost: [], stuck: [], wrong: [] },
  wrongAs: {},
};

/**
 * Each order placed against how the API shows it now (`seen`, looked up by order id; an order missing
 * from it is lost). Orders in `seen` that were not placed are not the section's and are ignored.
 */
export function judgeOrders(placed: readonly ExpectedOrder[], seen: readonly OrderSummary[]): Correctness {
  const byId = new Map(seen.map((order) => [order.orderId, order]));
  const lost: string[] = [];
  const stuck: string[] = [];
  const wrong: string[] = [];
  const wrongAs: Record<string, number> = {};
  for (const { orderId, expected } of placed) {
    const order = byId.get(orderId);
    if (!order) lost.push(orderId);
    else if (order.status === 'PENDING') stuck.push(orderId);
    else if (!endedAsExpected(order, expected)) {
      wrong.push(orderId);
      const how = `${describeOutcome(order)}, expected ${describeOutcome(expected)}`;
      wrongAs[how] = (wrongAs[how] ?? 0) + 1;
    }
  }
  return {
    checked: placed.length,
    lost: lost.length,
    stuck: stuck.length,
    wrong: wrong.length,
    examples: {
      lost: lost.slice(0, EXAMPLES),
      stuck: stuck.slice(0, EXAMPLES),
      wrong: wrong.slice(0, EXAMPLES),
    },
    wrongAs,
  };
}

/** Two checks of one section (two bursts, several rates) as one: counts added, examples kept up to EXAMPLES. */
export function addCorrectness(a: Correctness, b: Correctness): Correctness {
  const examples = (kind: keyof Correctness['examples']) =>
    [...a.examples[kind], ...b.examples[kind]].slice(0, EXAMPLES);
  const wrongAs: Record<string, number> = { ...a.wrongAs };
  for (const [how, count] of Object.entries(b.wrongAs)) wrongAs[how] = (wrongAs[how] ?? 0) + count;
  return {
    checked: a.checked + b.checked,
    lost: a.lost + b.lost,
    stuck: a.stuck + b.stuck,
    wrong: a.wrong + b.wrong,
    examples: { lost: examples('lost'), stuck: examples('stuck'), wrong: examples('wrong') },
    wrongAs,
  };
}

/** Lost, stuck and wrong orders together: 0 when the section's orders all ended as expected. */
export function failuresOf(correctness: Correctness): number {
  return correctness.lost + correctness.stuck + correctness.wrong;
}
