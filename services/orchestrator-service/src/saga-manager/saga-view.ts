import type { HistoryEntry, SagaDocument, StepRecord } from '../model/saga-document.ts';

/**
 * A saga as the HTTP API shows it: where it is, each step's progress, why it failed, its data and its
 * history. Not the outbox, nor the processed message ids: those are how it is kept consistent, not
 * what it is, and would only grow the answer.
 */
export interface SagaView {
  readonly sagaId: string;
  readonly saga: string;
  readonly orderId: string;
  readonly status: string;
  /** The step whose reply the saga awaits (forward or compensating); null once it has ended. */
  readonly currentStep: { readonly index: number; readonly name: string } | null;
  readonly failureReason: unknown;
  readonly data: unknown;
  readonly steps: readonly StepRecord[];
  readonly history: readonly HistoryEntry[];
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export function sagaView(document: SagaDocument): SagaView {
  const index = document.currentStep;
  return {
    sagaId: document._id,
    saga: document.saga,
    orderId: document.orderId,
    status: document.status,
    currentStep: index === null ? null : { index, name: document.steps[index]?.name ?? `step ${index}` },
    failureReason: document.failureReason,
    data: document.data,
    steps: document.steps,
    history: document.history,
    version: document.version,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}
