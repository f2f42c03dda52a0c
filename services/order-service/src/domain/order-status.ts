/** Where an order is in its life: placed and waiting for its saga, or settled one way or the other. */
export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'CANCELLED';

/** Every status, in life order. */
export const orderStatuses = ['PENDING', 'CONFIRMED', 'CANCELLED'] as const satisfies readonly OrderStatus[];

/** What the saga can tell the order service to do with an order (order.confirm, order.cancel). */
export type OrderDecision = 'confirm' | 'cancel';

/**
 * The legal transitions, as data: from which status each decision moves an order, and where to.
 * CONFIRMED and CANCELLED are terminal: no decision leaves them, so a late or repeated command changes nothing.
 */
export const orderTransitions: Readonly<
  Record<OrderStatus, Readonly<Partial<Record<OrderDecision, OrderStatus>>>>
> = {
  PENDING: { confirm: 'CONFIRMED', cancel: 'CANCELLED' },
  CONFIRMED: {},
  CANCELLED: {},
};

/** The status a decision moves an order in `status` to, or undefined when the decision does not apply there. */
export function nextStatus(status: OrderStatus, decision: OrderDecision): OrderStatus | undefined {
  return orderTransitions[status][decision];
}

/**
 * The statuses a decision may be applied in, for the filter of the update that applies it: checking
 * the status in the same atomic update is what keeps a terminal order terminal under concurrency.
 */
export function statusesAccepting(decision: OrderDecision): OrderStatus[] {
  return orderStatuses.filter((status) => nextStatus(status, decision) !== undefined);
}

/** Whether no decision can move an order out of `status`. */
export function isTerminal(status: OrderStatus): boolean {
  return Object.keys(orderTransitions[status]).length === 0;
}

/**
 * A decision as one conditional update: the statuses it applies in, and the status it leads to.
 * One target per decision is what lets a single `$set` apply it whatever the source status was.
 * @throws {TypeError} when the table gives a decision no source, or two targets (a broken table).
 */
export function decisionTransition(decision: OrderDecision): { from: OrderStatus[]; to: OrderStatus } {
  const from = statusesAccepting(decision);
  const targets = new Set(from.map((status) => nextStatus(status, decision)));
  const [to] = targets;
  if (to === undefined || targets.size !== 1) {
    throw new TypeError(`order transitions must lead "${decision}" to exactly one status`);
  }
  return { from, to };
}
