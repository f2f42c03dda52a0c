import { attentionView, type AttentionView } from './saga-view.ts';
import { completedOutcome } from './saga-list-query.ts';
import type { SagaDocument } from './saga-document.ts';

/** The fields of a saga the list reads (the store projects the rest away: history, outbox, message ids). */
export type ListedSaga = Pick<
  SagaDocument,
  | '_id'
  | 'saga'
  | 'key'
  | 'keyName'
  | 'status'
  | 'currentStep'
  | 'failureReason'
  | 'attention'
  | 'deadlineAt'
  | 'data'
  | 'steps'
  | 'createdAt'
  | 'updatedAt'
>;

/** The store projection that reads a `ListedSaga` (an inclusion projection, as the store contract proves). */
export const listedSagaProjection = {
  _id: 1,
  saga: 1,
  key: 1,
  keyName: 1,
  status: 1,
  currentStep: 1,
  failureReason: 1,
  attention: 1,
  deadlineAt: 1,
  data: 1,
  steps: 1,
  createdAt: 1,
  updatedAt: 1,
} as const satisfies Record<keyof ListedSaga, 1>;

/**
 * A saga as the list shows it: where it is and how it ends, without its steps, data or history
 * (`GET /sagas/:sagaId` has those); its key as `key` with `keyName`, and under its name (`orderId`)
 * as the view shows it; and the binding's searchable data fields (`customerId` for the order saga).
 */
export type SagaSummary = SagaSummaryFields & { readonly [field: string]: unknown };

export interface SagaSummaryFields {
  readonly sagaId: string;
  readonly saga: string;
  readonly key: string;
  readonly keyName: string;
  readonly status: string;
  readonly currentStep: { readonly index: number; readonly name: string } | null;
  /** COMPLETED once the walk completed (COMPLETING included), the failure reason's code once it failed; else null. */
  readonly outcome: string | null;
  readonly failureReason: unknown;
  readonly attention: AttentionView | null;
  readonly deadlineAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The summary's own fields, which neither a key's name nor a searchable field may be. */
export const sagaSummaryFields = [
  'sagaId',
  'saga',
  'key',
  'keyName',
  'status',
  'currentStep',
  'outcome',
  'failureReason',
  'attention',
  'deadlineAt',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof SagaSummaryFields)[];

export function sagaSummary(saga: ListedSaga, searchable: readonly string[] = []): SagaSummary {
  const index = saga.currentStep;
  const data = (saga.data ?? {}) as Readonly<Record<string, unknown>>;
  return {
    sagaId: saga._id,
    saga: saga.saga,
    key: saga.key,
    keyName: saga.keyName,
    [saga.keyName]: saga.key,
    status: saga.status,
    currentStep: index === null ? null : { index, name: saga.steps[index]?.name ?? `step ${index}` },
    outcome: outcomeOf(saga),
    failureReason: saga.failureReason,
    attention: attentionView(saga),
    deadlineAt: saga.deadlineAt ?? null,
    ...Object.fromEntries(searchable.map((field) => [field, data[field] ?? null])),
    createdAt: saga.createdAt,
    updatedAt: saga.updatedAt,
  };
}

function outcomeOf(saga: ListedSaga): string | null {
  if (saga.status === 'COMPLETING' || saga.status === 'COMPLETED') return completedOutcome;
  return typeof saga.failureReason === 'string' ? saga.failureReason : null;
}
