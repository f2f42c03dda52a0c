import type Router from '@koa/router';
import { z } from 'zod';
import type { Config } from '@saga/config';
import { NotFoundError, parseBody, parseQuery, requireRole } from '@saga/service-kit';
import { sagaView, type SagaStore } from '@saga/saga-runtime';

const bySagaId = z.object({ sagaId: z.guid({ error: 'must be a saga id (a uuid)' }) });

/**
 * `GET /sagas/:sagaId` and `GET /sagas?<key>=` (admin or ops) for the saga a binding runs, its key
 * named as the binding names it (`GET /sagas?orderId=` for the order saga): the saga (see the
 * runtime's saga-view.ts), 200; 404 when there is none; 400 when the id is not a uuid, the key is
 * missing, repeated or not a uuid, or the query has any other parameter. A key has at most one saga
 * of a definition, so both answer one saga rather than a list.
 */
export function mountSagaRoutes(
  router: Router,
  deps: {
    readonly store: Pick<SagaStore, 'findById' | 'findByKey'>;
    readonly auth: Config['auth'];
    /** The saga found by key: its definition's name, and its key's name (e.g. `order`, `orderId`). */
    readonly saga: { readonly name: string; readonly keyName: string };
  },
): void {
  const staff = requireRole(deps.auth, 'admin', 'ops');
  const { name, keyName } = deps.saga;
  const byKey = z.object({ [keyName]: z.guid({ error: 'must be a uuid' }) });
  router.get('/sagas/:sagaId', staff, async (ctx) => {
    const { sagaId } = parseBody(bySagaId, ctx.params);
    const saga = await deps.store.findById(sagaId);
    if (!saga) throw new NotFoundError(`no saga ${sagaId}`);
    ctx.body = sagaView(saga);
  });
  router.get('/sagas', staff, async (ctx) => {
    const key = parseQuery(byKey, ctx.query)[keyName] as string;
    const saga = await deps.store.findByKey(name, key);
    if (!saga) throw new NotFoundError(`no ${name} saga for ${keyName} ${key}`);
    ctx.body = sagaView(saga);
  });
}
