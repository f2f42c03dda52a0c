import type { AttentionReason } from '@saga/saga-engine';
import type { FinalCommandRecord, HistoryEntry, SagaDocument, StepRecord } from './saga-document.ts';
import { stepTimelines, type StepTimeline, type StepTopics } from './step-timeline.ts';

/**
 * Why a NEEDS_ATTENTION saga stopped, at which step (null when none did: a final command, named in
 * `detail`), and what a retry resumes it as.
 */
export interface AttentionView {
  readonly step: { readonly index: number; readonly name: string } | null;
  readonly reason: AttentionReason;
  readonly detail: string;
  readonly resumeStatus: string;
}

/**
 * A saga as the HTTP API shows it: where it is, each step's progress, why it failed, its data and its
 * history; and its key, under the key's name (`orderId` for the order saga: `{ sagaId, saga, orderId,
 * status, ... }`). Not the outbox, nor the processed message ids: those are how it is kept
 * consistent, not what it is, and would only grow the answer.
 */
export type SagaView = SagaViewFields & { readonly [keyName: string]: unknown };

/** The view's fields besides the key. */
export interface SagaViewFields {
  readonly sagaId: string;
  readonly saga: string;
  readonly status: string;
  /** The step whose reply the saga awaits (forward or compensating); null once it has ended. */
  readonly currentStep: { readonly index: number; readonly name: string } | null;
  readonly failureReason: unknown;
  /** Only while the saga is NEEDS_ATTENTION: what needs it. `POST /sagas/:sagaId/retry` re-drives it. */
  readonly attention: AttentionView | null;
  /** When the saga's earliest deadline falls (a reply overdue is re-sent, or given up on); null for none. */
  readonly deadlineAt: Date | null;
  readonly data: unknown;
  /**
   * Each step's record (status, attempts, startedAt/endedAt, compensation timings, deadline); with the
   * definition's topics, also its timeline (step-timeline.ts: commands sent, replies, deadlines,
   * errors).
   */
  readonly steps: readonly StepView[];
  /** The final commands sent and awaiting their acknowledgement (COMPLETING, CANCELLING). */
  readonly finalCommands: readonly FinalCommandRecord[];
  readonly history: readonly HistoryEntry[];
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A step as the view shows it: its record, and its timeline when the view knows the step's topics. */
export type StepView = StepRecord & Partial<StepTimeline>;

/** The names of the view's fields besides the key, which a binding's key name must not be. */
export const sagaViewFields = [
  'sagaId',
  'saga',
  'status',
  'currentStep',
  'failureReason',
  'attention',
  'deadlineAt',
  'data',
  'steps',
  'finalCommands',
  'history',
  'version',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof SagaViewFields)[];

/**
 * The view of a stored saga. With the definition's step topics (`stepTopicsOf(definition)`), each step
 * carries its timeline, read off the history; without, the steps are their records.
 */
export function sagaView(document: SagaDocument, topics?: readonly StepTopics[]): SagaView {
  const index = document.currentStep;
  const timelines = topics ? stepTimelines(document.history, topics) : [];
  return {
    sagaId: document._id,
    saga: document.saga,
    [document.keyName]: document.key,
    status: document.status,
    currentStep: index === null ? null : { index, name: document.steps[index]?.name ?? `step ${index}` },
    failureReason: document.failureReason,
    attention: attentionView(document),
    deadlineAt: document.deadlineAt ?? null,
    data: document.data,
    steps: document.steps.map((step, at) => ({ ...step, ...timelines[at] })),
    finalCommands: document.finalCommands ?? [],
    history: document.history,
    version: document.version,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}

/** A saga's attention, with the step that needs it named. */
export function attentionView(document: Pick<SagaDocument, 'attention' | 'steps'>): AttentionView | null {
  const attention = document.attention ?? null;
  if (attention === null) return null;
  const { step, ...rest } = attention;
  if (step === null) return { step: null, ...rest };
  return { step: { index: step, name: document.steps[step]?.name ?? `step ${step}` }, ...rest };
}
