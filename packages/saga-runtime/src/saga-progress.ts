import { isEnded, type SagaStatus } from '@saga/saga-engine';
import type { SagaDocument } from './saga-document.ts';

/** What one write did to a saga that metrics count: the steps it settled, and whether it ended the saga. */
export interface SagaProgress {
  readonly settled: readonly { readonly step: string; readonly seconds: number }[];
  readonly finished: { readonly outcome: string; readonly seconds: number } | null;
}

type Observed = Pick<SagaDocument, 'status' | 'failureReason' | 'steps' | 'createdAt' | 'updatedAt'>;

/**
 * Compares a saga before and after a write. A step settled when a reply took it from ACTIVE to
 * SUCCEEDED or FAILED (the step records' startedAt, the first send, and endedAt); the saga finished
 * when the write took it into an end (COMPLETED, CANCELLED), after `updatedAt - createdAt`.
 */
export function sagaProgress(before: Observed, after: Observed): SagaProgress {
  const settled = after.steps.flatMap((step, index) => {
    const was = before.steps[index];
    if (was?.status !== 'ACTIVE' || (step.status !== 'SUCCEEDED' && step.status !== 'FAILED')) return [];
    if (!step.startedAt || !step.endedAt) return [];
    return [{ step: step.name, seconds: seconds(step.startedAt, step.endedAt) }];
  });
  const finished =
    !isEnded(before.status) && isEnded(after.status)
      ? {
          outcome: sagaOutcome(after.status, after.failureReason),
          seconds: seconds(after.createdAt, after.updatedAt),
        }
      : null;
  return { settled, finished };
}

/**
 * How a saga ended, as one bounded label: COMPLETED, or a cancelled saga's failure reason when the
 * definition gives it as a string (an enum symbol such as PAYMENT_DECLINED), else CANCELLED. Generic:
 * it reads the saga's status and failureReason, nothing of any one definition.
 */
export function sagaOutcome(status: SagaStatus, failureReason: unknown): string {
  if (status !== 'CANCELLED') return status;
  return typeof failureReason === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(failureReason)
    ? failureReason
    : 'CANCELLED';
}

function seconds(from: Date, to: Date): number {
  return Math.max(0, (new Date(to).getTime() - new Date(from).getTime()) / 1000);
}
