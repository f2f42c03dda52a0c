import type Router from '@koa/router';
import type { Config } from '@saga/config';
import { NotFoundError, parseBody, parseQuery, requireAccess } from '@saga/service-kit';
import { sagaSummary, sagaView, type SagaStore } from '@saga/saga-runtime';
import { sagaListQuery, sagaListSchema } from './saga-list-params.ts';
import type { SagaRouteDefinition } from './saga-route-definition.ts';
import { getSaga, listSagas, sagaByKeySchema, sagaIdParams } from './saga-operations.ts';

/**
 * The saga reads (admin or ops) for the saga a binding runs, its key named as the binding names it
 * (`orderId` for the order saga):
 *
 * - `GET /sagas/:sagaId`: the saga (see the runtime's saga-view.ts), 200; 404 when there is none.
 * - `GET /sagas?<key>=` (`?orderId=`): the saga of that key, 200 (a key has at most one saga of a
 *   definition, so one saga rather than a list); 404 when there is none.
 * - `GET /sagas[?status=&step=&outcome=&<searchable>=&createdAfter=&createdBefore=&limit=&cursor=]`:
 *   a page of sagas, running and finished alike, newest first (saga-list-params.ts):
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
     * The saga listed and found by key (listedDefinitionOf): its definition's name and step names, its
     * key's name (e.g. `order`, `orderId`), its binding's searchable data fields (`customerId`), and
     * its steps' topics, for the view's step timelines.
     */
    readonly saga: SagaRouteDefinition;
  },
): void {
  const { saga } = deps;
  const { name, keyName } = saga;
  const byKey = sagaByKeySchema(saga);
  const list = listSagas(saga);
  const listSchema = sagaListSchema(saga);
  router.get(getSaga.path, requireAccess(deps.auth, getSaga), async (ctx) => {
    const { sagaId } = parseBody(sagaIdParams, ctx.params);
    const found = await deps.store.findById(sagaId);
    if (!found) throw new NotFoundError(`no saga ${sagaId}`);
    ctx.body = sagaView(found, saga.stepTopics);
  });
  router.get(list.path, requireAccess(deps.auth, list), async (ctx) => {
    if (!(keyName in ctx.query)) {
      const query = sagaListQuery(saga, parseQuery(listSchema, ctx.query));
      const page = await deps.store.list(query);
      ctx.body = {
        sagas: page.sagas.map((listed) => sagaSummary(listed, saga.searchable)),
        nextCursor: page.nextCursor,
      };
      return;
    }
    const key = parseQuery(byKey, ctx.query)[keyName] as string;
    const found = await deps.store.findByKey(name, key);
    if (!found) throw new NotFoundError(`no ${name} saga for ${keyName} ${key}`);
    ctx.body = sagaView(found, saga.stepTopics);
  });
}
