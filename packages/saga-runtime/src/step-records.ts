import type { StepState } from '@saga/saga-engine';
import type { CompensationRecord, StepRecord } from './saga-document.ts';
import { engineStep } from './engine-state.ts';

/**
 * The step records after a decision: the engine's new step states, with the bookkeeping carried over
 * from `previous` (null for a saga being started) and updated for every step that changed. The engine
 * says where each step is, how often what it awaits was sent, and by when; when a step began and
 * ended is read off the changes:
 *
 * - ACTIVE: its command was sent (again); `startedAt` is the first send;
 * - into SUCCEEDED, FAILED, TIMED_OUT, ABANDONED or SKIPPED: the step settled at `now`;
 * - COMPENSATING: its compensation was sent (again); the compensation's `startedAt` is the first send;
 * - into COMPENSATED: the compensation was confirmed at `now`.
 *
 * A step that did not change keeps its record as it was.
 */
export function stepRecords(
  previous: readonly StepRecord[] | null,
  next: readonly StepState[],
  now: Date,
): StepRecord[] {
  return next.map((step, index) => {
    const before = previous?.[index] ?? pendingRecord(step.name);
    if (unchanged(before, step)) return before;
    const deadlineAt = step.deadlineAt === null ? null : new Date(step.deadlineAt);
    const record = { ...before, name: step.name, status: step.status, deadlineAt };
    const changed = before.status !== step.status;
    switch (step.status) {
      case 'ACTIVE':
        return { ...record, attempts: step.attempts, startedAt: before.startedAt ?? now, endedAt: null };
      case 'SUCCEEDED':
      case 'FAILED':
      case 'TIMED_OUT':
      case 'ABANDONED':
      case 'SKIPPED':
        return changed ? { ...record, endedAt: now } : record;
      case 'COMPENSATING':
        return { ...record, compensation: compensationSent(before.compensation, step.attempts, now) };
      case 'COMPENSATED':
        return changed ? { ...record, compensation: compensationEnded(before.compensation, now) } : record;
      case 'PENDING':
        return record;
    }
  });
}

/** A step nothing has happened to yet. */
export function pendingRecord(name: string): StepRecord {
  return {
    name,
    status: 'PENDING',
    attempts: 0,
    startedAt: null,
    endedAt: null,
    compensation: null,
    deadlineAt: null,
  };
}

function unchanged(record: StepRecord, step: StepState): boolean {
  const kept = engineStep(record);
  return (
    kept.name === step.name &&
    kept.status === step.status &&
    kept.attempts === step.attempts &&
    kept.deadlineAt === step.deadlineAt
  );
}

/** The engine confirms only a compensation it is waiting for, so one was started; zeros if the record lacks it. */
function compensationEnded(before: CompensationRecord | null, now: Date): CompensationRecord {
  return { attempts: before?.attempts ?? 0, startedAt: before?.startedAt ?? null, endedAt: now };
}

function compensationSent(
  before: CompensationRecord | null,
  attempts: number,
  now: Date,
): CompensationRecord {
  return { attempts, startedAt: before?.startedAt ?? now, endedAt: null };
}
