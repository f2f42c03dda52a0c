import type Router from '@koa/router';
import type { Config } from '@saga/config';
import { NotFoundError, parseBody, parseQuery, requireAccess } from '@saga/service-kit';
import { sagaSummary, sagaView, type SagaStore } from '@saga/saga-runtime';
import { sagaListQuery, sagaListSchema } from './saga-list-params.ts';
import type { SagaRouteDefinition } from './saga-route-definition.ts';
import { getSaga, listSagas, sagaByKeySchema, sagaIdParams } from './saga-operations.ts';

/**
 * The saga reads (admin or ops) for the sagas the bindings run, each key named as its binding names
 * it (`orderId` for the order and return sagas):
 *
 * - `GET /sagas/:sagaId`: the saga, of whichever definition (see the runtime's saga-view.ts), 200;
 *   404 when there is none.
 * - `GET /sagas?<key>=[&saga=]` (`?orderId=`): the saga of that key of the definition `saga` names
 *   (the first bound, the order saga, by default), 200; 404 when there is none. A definition with
 *   several sagas per key (the return saga) answers one of them: list those by a searchable field
 *   (`?saga=return&returnId=`) instead.
 * - `GET /sagas[?saga=&status=&step=&outcome=&<searchable>=&createdAfter=&createdBefore=&limit=&cursor=]`:
 *   a page of sagas of the definition `saga` names, or of every definition without it (a `step`
 *   names its own definition), running and finished alike, newest first (saga-list-params.ts):
 *   `{ sagas: [summary], nextCursor }`; pass `nextCursor` back as `cursor` for the next page (null on
 *   the last).
 *
 * 400, naming the parameter, for an id or key that is not a uuid, a bad or repeated value, or any
 * parameter the route does not know.
 */
export function mountSagaRoutes(
  router: Router,
  deps: {
    readonly store: Pick<SagaStore, 'findById' | 'findByKey' | 'list'>;
    readonly auth: Config['auth'];
    /**
     * The sagas listed and found by key (listedDefinitionOf), the default one first: each
     * definition's name and step names, its key's name (e.g. `order`, `orderId`), its binding's
     * searchable data fields (`customerId`), and its steps' topics, for the view's step timelines.
     */
    readonly sagas: readonly SagaRouteDefinition[];
  },
): void {
  const { sagas } = deps;
  const [fallback] = sagas;
  if (fallback === undefined) throw new TypeError('the saga routes need at least one saga definition');
  const definitionOf = (name: string | undefined) => sagas.find((saga) => saga.name === name) ?? fallback;
  const keyNames = [...new Set(sagas.map((saga) => saga.keyName))];
  const byKey = (keyName: string) => sagaByKeySchema(sagas, keyName);
  const list = listSagas(sagas);
  const listSchema = sagaListSchema(sagas);
  router.get(getSaga.path, requireAccess(deps.auth, getSaga), async (ctx) => {
    const { sagaId } = parseBody(sagaIdParams, ctx.params);
    const found = await deps.store.findById(sagaId);
    if (!found) throw new NotFoundError(`no saga ${sagaId}`);
    ctx.body = sagaView(found, definitionOf(found.saga).stepTopics);
  });
  router.get(list.path, requireAccess(deps.auth, list), async (ctx) => {
    const keyName = keyNames.find((name) => name in ctx.query);
    if (keyName === undefined) {
      const query = sagaListQuery(sagas, parseQuery(listSchema, ctx.query));
      const page = query ? await deps.store.list(query) : { sagas: [], nextCursor: null };
      ctx.body = {
        sagas: page.sagas.map((listed) => sagaSummary(listed, definitionOf(listed.saga).searchable)),
        nextCursor: page.nextCursor,
      };
      return;
    }
    const parsed = parseQuery(byKey(keyName), ctx.query);
    const key = parsed[keyName] as string;
    const saga =
      sagas.find((candidate) => candidate.name === parsed.saga && candidate.keyName === keyName) ??
      sagas.find((candidate) => candidate.keyName === keyName) ??
      fallback;
    const found = await deps.store.findByKey(saga.name, key);
    if (!found) throw new NotFoundError(`no ${saga.name} saga for ${keyName} ${key}`);
    ctx.body = sagaView(found, saga.stepTopics);
  });
}
