import { faultKinds, type Fault, type FaultKind } from './fault.ts';
import type { RunInputs, Snapshot } from './facts.ts';
import { checkMoney, checkStock } from './conservation-rules.ts';
import { checkOrder, type OrderOutcome } from './order-rules.ts';
import { orderSagaShape, type SagaShape } from './saga-shape.ts';
import { checkSaga } from './saga-rules.ts';
import { indexSnapshot } from './snapshot-index.ts';

export interface CheckReport {
  /** Orders judged: those the API accepted, and any other the order database holds for the run. */
  readonly orders: number;
  /** How many ended each way (CONFIRMED, CANCELLED:<reason>, LOST). */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly faults: readonly Fault[];
  /** Faults per kind, every kind present (zero when none). */
  readonly counts: Readonly<Record<FaultKind, number>>;
  readonly ok: boolean;
}

/**
 * Judges a whole run from what it put in and what the databases hold afterwards. Pure: the same
 * inputs and snapshot always give the same report. An order the database holds but the client never
 * heard accepted (its 202 was lost in a crash) is judged all the same: it was accepted.
 */
export function checkRun(
  inputs: RunInputs,
  snapshot: Snapshot,
  shape: SagaShape = orderSagaShape,
): CheckReport {
  const index = indexSnapshot(snapshot);
  const orderIds = [...new Set([...inputs.accepted, ...snapshot.orders.map((o) => o.orderId)])];
  const outcomes: Record<string, number> = {};
  const faults: Fault[] = [];
  for (const orderId of orderIds) {
    const judged: { outcome: OrderOutcome; faults: Fault[] } = checkOrder(orderId, inputs, index);
    outcomes[judged.outcome] = (outcomes[judged.outcome] ?? 0) + 1;
    faults.push(...judged.faults);
  }
  for (const saga of snapshot.sagas) faults.push(...checkSaga(saga, index.orders.get(saga.orderId), shape));
  faults.push(...checkStock(inputs, index, snapshot.orders), ...checkMoney(inputs, index, snapshot.orders));

  const counts = Object.fromEntries(faultKinds.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  for (const f of faults) counts[f.kind]++;
  return { orders: orderIds.length, outcomes, faults, counts, ok: faults.length === 0 };
}

/** The report as lines for a terminal: outcomes, counts per kind, then the faults, at most `perKind` of each kind. */
export function formatReport(report: CheckReport, perKind = 15): string[] {
  const outcomes = Object.entries(report.outcomes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([outcome, n]) => `${outcome} ${n}`)
    .join(', ');
  const lines = [
    `orders judged: ${report.orders} (${outcomes || 'none'})`,
    faultKinds.map((kind) => `${kind}: ${report.counts[kind]}`).join(', '),
  ];
  for (const kind of faultKinds) {
    const faults = report.faults.filter((f) => f.kind === kind);
    lines.push(
      ...faults.slice(0, perKind).map((f) => `  ${f.kind.toUpperCase()} ${f.subject}: ${f.message}`),
    );
    if (faults.length > perKind) lines.push(`  ... and ${faults.length - perKind} more ${kind}`);
  }
  return lines;
}
