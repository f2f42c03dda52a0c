import type Router from '@koa/router';
import { z } from 'zod';
import type { Config } from '@saga/config';
import { NotFoundError, parseBody, parseQuery, requireRole } from '@saga/service-kit';
import { sagaView, type SagaStore } from '@saga/saga-runtime';

const bySagaId = z.object({ sagaId: z.guid({ error: 'must be a saga id (a uuid)' }) });
const byOrderId = z.object({ orderId: z.guid({ error: 'must be an order id (a uuid)' }) });

/**
 * `GET /sagas/:sagaId` and `GET /sagas?orderId=` (api token): the saga (see saga-view.ts), 200; 404 when
 * there is none; 400 when the id is not a uuid, the order id is missing or repeated, or the query has
 * any other parameter. An order has at most one saga, so both answer one saga rather than a list.
 */
export function mountSagaRoutes(
  router: Router,
  deps: { readonly store: Pick<SagaStore, 'findById' | 'findByOrderId'>; readonly auth: Config['auth'] },
): void {
  const api = requireRole(deps.auth, 'api');
  router.get('/sagas/:sagaId', api, async (ctx) => {
    const { sagaId } = parseBody(bySagaId, ctx.params);
    const saga = await deps.store.findById(sagaId);
    if (!saga) throw new NotFoundError(`no saga ${sagaId}`);
    ctx.body = sagaView(saga);
  });
  router.get('/sagas', api, async (ctx) => {
    const { orderId } = parseQuery(byOrderId, ctx.query);
    const saga = await deps.store.findByOrderId(orderId);
    if (!saga) throw new NotFoundError(`no saga for order ${orderId}`);
    ctx.body = sagaView(saga);
  });
}
