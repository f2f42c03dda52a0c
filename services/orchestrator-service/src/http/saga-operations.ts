import { z } from 'zod';
import { defineOperation } from '@saga/service-kit';
import { sagaListSchema } from './saga-list-params.ts';
import type { SagaRouteDefinition } from './saga-route-definition.ts';
import { sagaPageSchema, sagaViewSchema } from './saga-view-schemas.ts';

/** `:sagaId`: a uuid. */
export const sagaIdParams = z.object({ sagaId: z.guid({ error: 'must be a saga id (a uuid)' }) });

/** How long a reason may be: a sentence or two for the saga's history and the cancelled order's detail. */
export const maxCompensateReasonLength = 500;

/** `POST /sagas/:sagaId/compensate`'s body. */
export const compensateBody = z.strictObject({
  reason: z
    .string({ error: 'must be a string: why the saga is to compensate' })
    .trim()
    .min(1, { error: 'must say why the saga is to compensate' })
    .max(maxCompensateReasonLength, { error: `must be at most ${maxCompensateReasonLength} characters` }),
});

/**
 * `GET /sagas?<key>=[&saga=]`'s query: the saga of one key (`keyName`, one of the bound definitions'
 * key names), of the definition `saga` names.
 */
export function sagaByKeySchema(
  sagas: readonly Pick<SagaRouteDefinition, 'keyName' | 'name'>[],
  keyName: string,
) {
  const [first, ...rest] = sagas.map((saga) => saga.name);
  const names = first === undefined ? [] : ([first, ...rest] as [string, ...string[]]);
  return z.object({
    [keyName]: z.guid({ error: 'must be a uuid' }),
    saga: z.enum(names, { error: `must be one of the sagas ${names.join(', ')}` }).optional(),
  });
}

const owned = {
  421: 'SAGA_OWNED_ELSEWHERE: another orchestrator replica owns the saga now; ask it, or again after the rebalance',
};

/** `POST /sagas/:sagaId/retry`. */
export const retrySaga = defineOperation({
  operationId: 'retrySaga',
  method: 'post',
  path: '/sagas/:sagaId/retry',
  summary: 'Re-drive a saga from where it stopped',
  description:
    'The attempts of every step awaiting a reply, and of every final command awaiting its acknowledgement, are counted afresh and the command sent again.',
  access: ['admin'],
  params: sagaIdParams,
  responses: { 200: { description: 'The saga as it is now', body: sagaViewSchema } },
  errors: {
    400: 'The id is not a uuid',
    404: 'No such saga',
    409: 'The saga ended: nothing to re-drive',
    ...owned,
  },
});

/** `POST /sagas/:sagaId/compensate`. */
export const compensateSaga = defineOperation({
  operationId: 'compensateSaga',
  method: 'post',
  path: '/sagas/:sagaId/compensate',
  summary: 'Give up on a stuck saga: compensate the steps that succeeded, newest first',
  description: 'For a saga RUNNING, or NEEDS_ATTENTION while running; the history records who asked and why.',
  access: ['admin'],
  params: sagaIdParams,
  body: compensateBody,
  responses: {
    200: { description: 'The saga as it is now (COMPENSATING, or CANCELLING)', body: sagaViewSchema },
  },
  errors: {
    400: 'A missing or empty reason, or another field',
    404: 'No such saga',
    409: 'The saga cannot be asked (ended, compensating, decided, or awaiting a step that must not be given up on); details.reason says why',
    ...owned,
  },
});

/** `GET /sagas/:sagaId`. */
export const getSaga = defineOperation({
  operationId: 'getSaga',
  method: 'get',
  path: '/sagas/:sagaId',
  summary: 'A saga: where it is, its steps, data and history',
  access: ['admin', 'ops'],
  params: sagaIdParams,
  responses: { 200: { description: 'The saga', body: sagaViewSchema } },
  errors: { 400: 'The id is not a uuid', 404: 'No such saga' },
});

/** `GET /sagas`: a page of sagas, or with `?<key>=` the saga of that key. */
export function listSagas(sagas: readonly SagaRouteDefinition[]) {
  const keyNames = [...new Set(sagas.map((saga) => saga.keyName))];
  const byKey = Object.fromEntries(
    keyNames.map((keyName) => [keyName, z.guid({ error: 'must be a uuid' }).optional()]),
  );
  const names = sagas.map((saga) => saga.name).join(', ');
  const keys = keyNames.map((keyName) => `?${keyName}=`).join(' or ');
  return defineOperation({
    operationId: 'listSagas',
    method: 'get',
    path: '/sagas',
    summary: `A page of sagas (${names}) newest first; with ${keys} the saga of that key`,
    description: `\`saga\` selects one definition (${names}); without it the page holds every definition's sagas. With ${keys}, the answer is that one saga of the definition \`saga\` names (the first, ${sagas[0]?.name ?? ''}, by default; the Saga schema) or 404; without, a page (SagaPage). A definition with several sagas per key (the return saga) is listed by a searchable field instead (\`?saga=return&returnId=\`). Any other parameter is refused by name.`,
    access: ['admin', 'ops'],
    query: sagaListSchema(sagas).extend(byKey),
    responses: {
      200: {
        description: 'A page of sagas, or the saga of the key',
        body: z.union([sagaPageSchema, sagaViewSchema]),
      },
    },
    errors: { 400: 'A bad, repeated or unknown parameter, by name', 404: 'No saga for that key' },
  });
}

/** The orchestrator's operations for the sagas it runs, in the order its routes mount. */
export function sagaOperations(sagas: readonly SagaRouteDefinition[]) {
  return [retrySaga, compensateSaga, getSaga, listSagas(sagas)] as const;
}
