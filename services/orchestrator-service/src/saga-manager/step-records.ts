import type { StepState } from '@saga/saga-engine';
import type { CompensationRecord, StepRecord } from '../model/saga-document.ts';

/**
 * The step records after a decision: the engine's new step states, with the bookkeeping carried over
 * from `previous` (null for a saga being started) and updated for every step whose status changed.
 * The engine only says where each step is; when and how often is read off the changes:
 *
 * - into ACTIVE: its command was sent, so one more attempt; `startedAt` is the first send;
 * - into SUCCEEDED, FAILED or SKIPPED: the step settled at `now`;
 * - into COMPENSATING: its compensation was sent, one more compensation attempt;
 * - into COMPENSATED: the compensation was confirmed at `now`.
 *
 * A step whose status did not change keeps its record as it was.
 */
export function stepRecords(
  previous: readonly StepRecord[] | null,
  next: readonly StepState[],
  now: Date,
): StepRecord[] {
  return next.map((step, index) => {
    const before = previous?.[index] ?? pendingRecord(step.name);
    if (before.status === step.status) return before;
    const record = { ...before, name: step.name, status: step.status };
    switch (step.status) {
      case 'ACTIVE':
        return {
          ...record,
          attempts: before.attempts + 1,
          startedAt: before.startedAt ?? now,
          endedAt: null,
        };
      case 'SUCCEEDED':
      case 'FAILED':
      case 'SKIPPED':
        return { ...record, endedAt: now };
      case 'COMPENSATING':
        return { ...record, compensation: compensationStarted(before.compensation, now) };
      case 'COMPENSATED':
        return { ...record, compensation: compensationEnded(before.compensation, now) };
      case 'PENDING':
        return record;
    }
  });
}

/** A step nothing has happened to yet. */
export function pendingRecord(name: string): StepRecord {
  return { name, status: 'PENDING', attempts: 0, startedAt: null, endedAt: null, compensation: null };
}

/** The engine confirms only a compensation it is waiting for, so one was started; zeros if the record lacks it. */
function compensationEnded(before: CompensationRecord | null, now: Date): CompensationRecord {
  return { attempts: before?.attempts ?? 0, startedAt: before?.startedAt ?? null, endedAt: now };
}

function compensationStarted(before: CompensationRecord | null, now: Date): CompensationRecord {
  return { attempts: (before?.attempts ?? 0) + 1, startedAt: before?.startedAt ?? now, endedAt: null };
}
