import type Router from '@koa/router';
import type { Config } from '@saga/config';
import { ConflictError, NotFoundError, parseBody, requireAccess } from '@saga/service-kit';
import { sagaView, type RetryResult, type SagaStore, type StepTopics } from '@saga/saga-runtime';
import { SagaOwnedElsewhereError } from './saga-owned-elsewhere-error.ts';
import { retrySaga, sagaIdParams } from './saga-operations.ts';

/**
 * The operator's route for sagas that stopped:
 *
 * - `POST /sagas/:sagaId/retry` (admin token) re-drives a saga from where it stopped (it
 *   NEEDS_ATTENTION, or waits for a reply that does not come): the attempts of every step awaiting a
 *   reply, and of every final command (order.confirm, order.cancel) awaiting its acknowledgement, are
 *   counted afresh and its command is sent again. 200 with the saga as it is now; 404 for
 *   an unknown saga; 409 for a saga that ended (COMPLETED, CANCELLED), which has nothing to re-drive;
 *   421 when another orchestrator replica owns the saga now (only its owner writes it).
 *
 * `GET /sagas?status=NEEDS_ATTENTION` lists the sagas that need it (saga-routes.ts).
 */
export function mountSagaRetryRoute(
  router: Router,
  deps: {
    readonly auth: Config['auth'];
    readonly store: Pick<SagaStore, 'findById'>;
    readonly retry: (sagaId: string) => Promise<RetryResult>;
    /** Whether this replica owns a saga's key now (default: every key). */
    readonly owns?: (key: string) => boolean;
    /** The steps' topics of a definition, for the timelines of the saga answered (saga-view.ts). */
    readonly stepTopics?: (saga: string) => readonly StepTopics[] | undefined;
  },
): void {
  const admin = requireAccess(deps.auth, retrySaga);

  router.post(retrySaga.path, admin, async (ctx) => {
    const { sagaId } = parseBody(sagaIdParams, ctx.params);
    if (deps.owns) {
      const current = await deps.store.findById(sagaId);
      if (current && !deps.owns(current.key)) throw new SagaOwnedElsewhereError(sagaId);
    }
    const result = await deps.retry(sagaId);
    switch (result.kind) {
      case 'UNKNOWN_SAGA':
        throw new NotFoundError(`no saga ${sagaId}`);
      case 'NOT_RETRIABLE':
        throw new ConflictError(
          `saga ${sagaId} is ${result.status}: it ended, so there is nothing to retry`,
          { status: result.status },
        );
      case 'RETRIED': {
        const saga = await deps.store.findById(sagaId);
        if (!saga) throw new NotFoundError(`no saga ${sagaId}`);
        ctx.body = sagaView(saga, deps.stepTopics?.(saga.saga));
      }
    }
  });
}
