import mongoose from 'mongoose';
import type { SagaStatus } from '@saga/saga-engine';
import { afterCursor, type ListCursor } from '@saga/service-kit';
import type { SagaDocument } from './saga-document.ts';

/** Page sizes of the saga list. */
export const sagaListLimits = { defaultLimit: 50, maxLimit: 200 } as const;

/**
 * What a list of sagas is asked for; every field given narrows it. The list is newest first
 * (createdAt desc, then _id desc), `limit` at a time, strictly after `cursor`.
 */
export interface SagaListQuery {
  /** The definition's name (its sagas share the collection with other definitions'). */
  readonly saga?: string;
  /** Any of these statuses. */
  readonly statuses?: readonly SagaStatus[];
  /** The index of the step the saga is at (`currentStep`): a step name, resolved by the definition. */
  readonly currentStep?: number;
  /**
   * How it ended or is ending: COMPLETED (COMPLETING or COMPLETED), or a failure reason's code (the
   * order saga's cancel reasons), which a compensating, cancelling or cancelled saga has.
   */
  readonly outcome?: string;
  /** Searchable data fields (the binding's `searchable`) and the value each must have. */
  readonly data?: Readonly<Record<string, string>>;
  /** Created strictly after / before these times. */
  readonly createdAfter?: Date;
  readonly createdBefore?: Date;
  readonly limit: number;
  readonly cursor?: ListCursor;
}

/** The outcome a saga's walk reached, as the list filters and shows it (see `SagaListQuery.outcome`). */
export const completedOutcome = 'COMPLETED';

const completing: readonly SagaStatus[] = ['COMPLETING', 'COMPLETED'];
const finishedStatuses: readonly SagaStatus[] = ['COMPLETED', 'CANCELLED'];

/** The statuses a query admits, its outcome included; undefined for any. */
export function admittedStatuses(query: SagaListQuery): readonly SagaStatus[] | undefined {
  if (query.outcome !== completedOutcome) return query.statuses;
  return query.statuses ? query.statuses.filter((status) => completing.includes(status)) : completing;
}

/** Whether sagas that match may be in the finished sagas' archive (it holds COMPLETED and CANCELLED only). */
export function mayBeFinished(query: SagaListQuery): boolean {
  const statuses = admittedStatuses(query);
  return statuses === undefined || statuses.some((status) => finishedStatuses.includes(status));
}

/**
 * The store filter of a query, cursor included: plain equalities, `$in` and date ranges only, as the
 * store contract proves them on FerretDB. Operators are marked trusted, so the connection's
 * sanitizeFilter (guardQueries) lets through these and no other. Null when nothing can match (an
 * outcome of COMPLETED with statuses that do not complete).
 */
export function sagaListFilter(query: SagaListQuery): Record<string, unknown> | null {
  const statuses = admittedStatuses(query);
  if (statuses?.length === 0) return null;
  const failureReason =
    query.outcome === undefined || query.outcome === completedOutcome ? {} : { failureReason: query.outcome };
  const created = {
    ...(query.createdAfter && { $gt: query.createdAfter }),
    ...(query.createdBefore && { $lt: query.createdBefore }),
  };
  return {
    ...(query.saga !== undefined && { saga: query.saga }),
    ...(statuses && {
      status: statuses.length === 1 ? statuses[0] : mongoose.trusted({ $in: [...statuses] }),
    }),
    ...(query.currentStep !== undefined && { currentStep: query.currentStep }),
    ...failureReason,
    ...Object.fromEntries(Object.entries(query.data ?? {}).map(([field, value]) => [`data.${field}`, value])),
    ...(Object.keys(created).length > 0 && { createdAt: mongoose.trusted(created) }),
    ...afterCursor(query.cursor),
  };
}

/** Whether a saga matches a query, cursor included: the filter's meaning, for sagas held in memory. */
export function matchesSagaList(saga: SagaDocument, query: SagaListQuery): boolean {
  const statuses = admittedStatuses(query);
  const data = saga.data as Readonly<Record<string, unknown>> | null;
  const { cursor } = query;
  const created = saga.createdAt.getTime();
  return (
    (query.saga === undefined || saga.saga === query.saga) &&
    (statuses === undefined || statuses.includes(saga.status)) &&
    (query.currentStep === undefined || saga.currentStep === query.currentStep) &&
    (query.outcome === undefined ||
      query.outcome === completedOutcome ||
      saga.failureReason === query.outcome) &&
    Object.entries(query.data ?? {}).every(([field, value]) => data?.[field] === value) &&
    (query.createdAfter === undefined || created > query.createdAfter.getTime()) &&
    (query.createdBefore === undefined || created < query.createdBefore.getTime()) &&
    (cursor === undefined ||
      created < cursor.createdAt.getTime() ||
      (created === cursor.createdAt.getTime() && saga._id < cursor.id))
  );
}
