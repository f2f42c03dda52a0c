import { fault, faultKinds, type Fault, type FaultKind } from './fault.ts';
import type { RunInputs, Snapshot } from './facts.ts';
import { checkMoney, checkStock } from './conservation-rules.ts';
import { checkOrder, type OrderOutcome } from './order-rules.ts';
import { checkAcceptedReturns, checkReturns, type ReturnOutcome } from './return-rules.ts';
import { sagaShapes, type SagaShape } from './saga-shape.ts';
import { checkSaga } from './saga-rules.ts';
import { indexSnapshot } from './snapshot-index.ts';

export interface CheckReport {
  /** Orders judged: those the API accepted, and any other the order database holds for the run. */
  readonly orders: number;
  /** How many ended each way (CONFIRMED, CANCELLED:<reason>, LOST). */
  readonly outcomes: Readonly<Record<string, number>>;
  /** Returns judged: every return the orders record. */
  readonly returns: number;
  /** How many ended each way (COMPLETED, REJECTED:<reason>, LOST). */
  readonly returnOutcomes: Readonly<Record<string, number>>;
  readonly faults: readonly Fault[];
  /** Faults per kind, every kind present (zero when none). */
  readonly counts: Readonly<Record<FaultKind, number>>;
  readonly ok: boolean;
}

/**
 * Judges a whole run from what it put in and what the databases hold afterwards. Pure: the same
 * inputs and snapshot always give the same report. An order the database holds but the client never
 * heard accepted (its 202 was lost in a crash) is judged all the same: it was accepted; so is a
 * return. Each saga is judged by the shape of its definition (`shapes`, by name); a saga of a
 * definition none of them names is unexpected.
 */
export function checkRun(
  inputs: RunInputs,
  snapshot: Snapshot,
  shapes: readonly SagaShape[] = sagaShapes,
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
  const returnOutcomes: Record<string, number> = {};
  for (const order of snapshot.orders) {
    const judged: { outcomes: ReturnOutcome[]; faults: Fault[] } = checkReturns(order, inputs, index);
    for (const outcome of judged.outcomes) returnOutcomes[outcome] = (returnOutcomes[outcome] ?? 0) + 1;
    faults.push(...judged.faults);
  }
  faults.push(...checkAcceptedReturns(inputs, index));
  for (const saga of snapshot.sagas) {
    const shape = shapes.find((s) => s.name === saga.saga);
    if (!shape) {
      faults.push(
        fault('unexpected', saga.orderId, `saga ${saga.sagaId}: of a definition none knows (${saga.saga})`),
      );
      continue;
    }
    const subjectStatus =
      shape.subject === 'order'
        ? index.orders.get(saga.orderId)?.status
        : index.returns.get(saga.returnId ?? '')?.[0]?.status;
    if (shape.subject === 'return' && subjectStatus === undefined)
      faults.push(
        fault(
          'unexpected',
          saga.orderId,
          `saga ${saga.sagaId}: for a return no order records (${saga.returnId})`,
        ),
      );
    faults.push(...checkSaga(saga, subjectStatus, shape));
  }
  faults.push(...checkStock(inputs, index, snapshot.orders), ...checkMoney(inputs, index, snapshot.orders));

  const counts = Object.fromEntries(faultKinds.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  for (const f of faults) counts[f.kind]++;
  const returns = Object.values(returnOutcomes).reduce((a, b) => a + b, 0);
  return {
    orders: orderIds.length,
    outcomes,
    returns,
    returnOutcomes,
    faults,
    counts,
    ok: faults.length === 0,
  };
}

/** The report as lines for a terminal: outcomes, counts per kind, then the faults, at most `perKind` of each kind. */
export function formatReport(report: CheckReport, perKind = 15): string[] {
  const outcomes = Object.entries(report.outcomes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([outcome, n]) => `${outcome} ${n}`)
    .join(', ');
  const returnOutcomes = Object.entries(report.returnOutcomes)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([outcome, n]) => `${outcome} ${n}`)
    .join(', ');
  const lines = [
    `orders judged: ${report.orders} (${outcomes || 'none'})`,
    `returns judged: ${report.returns} (${returnOutcomes || 'none'})`,
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
