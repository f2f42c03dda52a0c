import { z } from 'zod';
import type { SagaStatus } from '@saga/saga-engine';
import { sagaListLimits, type SagaListQuery } from '@saga/saga-runtime';
import { decodeCursor } from '@saga/service-kit';

/** Every status a saga can be in, as `GET /sagas?status=` takes them. */
export const sagaStatuses = [
  'RUNNING',
  'COMPENSATING',
  'COMPLETING',
  'CANCELLING',
  'COMPLETED',
  'CANCELLED',
  'NEEDS_ATTENTION',
] as const satisfies readonly SagaStatus[];

/** What the list can be asked of a saga definition: its step names, and its binding's searchable fields. */
export interface ListedDefinition {
  readonly name: string;
  readonly steps: readonly string[];
  readonly searchable: readonly string[];
}

const once = (what: string) => (issue: { input?: unknown }) =>
  Array.isArray(issue.input) ? 'must be given once' : `must be ${what}`;

const statuses = z
  .union([z.string(), z.array(z.string())], { error: 'must be one or more statuses' })
  .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((text) => text.split(',')))
  .pipe(
    z
      .array(z.enum(sagaStatuses, { error: `must be one of ${sagaStatuses.join(', ')}` }))
      .min(1, { error: 'must name a status' }),
  );

const time = z
  .string({ error: once('an ISO time, e.g. 2026-01-31T12:00:00Z') })
  .pipe(z.iso.datetime({ offset: true, error: 'must be an ISO time, e.g. 2026-01-31T12:00:00Z' }))
  .transform((text) => new Date(text));

const { defaultLimit, maxLimit } = sagaListLimits;

/**
 * The query of `GET /sagas` (the list) over the bound definitions: `saga` (a definition's name; all
 * of them when absent), `status` (one or more, repeated or comma-separated), `step` (the current
 * step's name, of the definition `saga` names or of any), `outcome` (COMPLETED or a failure reason's
 * code), the definitions' searchable fields (`customerId`), `createdAfter` / `createdBefore` (ISO
 * times), `limit` (1..200, default 50) and `cursor` (a `nextCursor`). Any other parameter is refused
 * by name (parseQuery).
 */
export function sagaListSchema(definitions: readonly ListedDefinition[]) {
  const names = definitions.map((definition) => definition.name);
  const stepNames = [...new Set(definitions.flatMap((definition) => definition.steps))];
  const [first, ...rest] = stepNames;
  const steps = first === undefined ? [] : ([first, ...rest] as [string, ...string[]]);
  const [firstName, ...otherNames] = names;
  const sagas = firstName === undefined ? [] : ([firstName, ...otherNames] as [string, ...string[]]);
  const searchable = Object.fromEntries(
    [...new Set(definitions.flatMap((definition) => definition.searchable))].map((field) => [
      field,
      z
        .string({ error: once('a string') })
        .min(1, { error: 'must not be empty' })
        .max(200, { error: 'must be at most 200 characters' })
        .optional(),
    ]),
  );
  return z.object({
    saga: z.enum(sagas, { error: once(`one of the sagas ${sagas.join(', ')}`) }).optional(),
    status: statuses.optional(),
    step: z.enum(steps, { error: once(`one of the steps ${steps.join(', ')}`) }).optional(),
    outcome: z
      .string({ error: once('COMPLETED or a failure reason code') })
      .regex(/^[A-Z][A-Z0-9_]{0,63}$/, {
        error: 'must be COMPLETED or a failure reason code (upper case, e.g. OUT_OF_STOCK)',
      })
      .optional(),
    createdAfter: time.optional(),
    createdBefore: time.optional(),
    limit: z
      .string({ error: once('a whole number') })
      .regex(/^\d{1,3}$/, { error: `must be a whole number from 1 to ${maxLimit}`, abort: true })
      .transform(Number)
      .refine((limit) => limit >= 1 && limit <= maxLimit, `must be a whole number from 1 to ${maxLimit}`)
      .default(defaultLimit),
    cursor: z
      .string({ error: once('a cursor') })
      .transform((text, ctx) => {
        const cursor = decodeCursor(text);
        if (cursor) return cursor;
        ctx.addIssue({ code: 'custom', message: 'is not a nextCursor this API returned' });
        return z.NEVER;
      })
      .optional(),
    ...searchable,
  });
}

/**
 * The store's query for what `sagaListSchema` parsed: of the definition `saga` names, or of the one
 * whose step `step` names (each definition's steps are its own), or of every definition.
 *
 * @returns null when `saga` and `step` name a step the definition does not have: no saga matches
 */
export function sagaListQuery(
  definitions: readonly ListedDefinition[],
  params: z.output<ReturnType<typeof sagaListSchema>>,
): SagaListQuery | null {
  const named = params.saga === undefined ? definitions : definitions.filter((d) => d.name === params.saga);
  const owner =
    params.step === undefined ? undefined : named.find((d) => d.steps.includes(params.step ?? ''));
  if (params.step !== undefined && owner === undefined) return null;
  const saga = owner?.name ?? params.saga ?? (definitions.length === 1 ? definitions[0]?.name : undefined);
  const searchable = [...new Set(named.flatMap((definition) => definition.searchable))];
  const data = Object.fromEntries(
    searchable.flatMap((field) => {
      const value = (params as Record<string, unknown>)[field];
      return typeof value === 'string' ? [[field, value]] : [];
    }),
  );
  return {
    ...(saga !== undefined && { saga }),
    limit: params.limit,
    ...(params.status && { statuses: [...new Set(params.status)] }),
    ...(owner && params.step !== undefined && { currentStep: owner.steps.indexOf(params.step) }),
    ...(params.outcome !== undefined && { outcome: params.outcome }),
    ...(Object.keys(data).length > 0 && { data }),
    ...(params.createdAfter && { createdAfter: params.createdAfter }),
    ...(params.createdBefore && { createdBefore: params.createdBefore }),
    ...(params.cursor && { cursor: params.cursor }),
  };
}
