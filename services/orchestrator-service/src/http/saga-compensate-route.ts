import type Router from '@koa/router';
import type { Config } from '@saga/config';
import {
  ConflictError,
  jsonBodyParser,
  NotFoundError,
  parseBody,
  principalOf,
  requireAccess,
} from '@saga/service-kit';
import {
  sagaView,
  type CompensateRequest,
  type CompensateResult,
  type SagaStore,
  type StepTopics,
} from '@saga/saga-runtime';
import { SagaOwnedElsewhereError } from './saga-owned-elsewhere-error.ts';
import { compensateBody, compensateSaga, sagaIdParams } from './saga-operations.ts';

/**
 * `POST /sagas/:sagaId/compensate` (admin token), body `{ "reason": "<text>" }`: a person gives up on
 * a stuck saga. The saga abandons the step whose reply it awaits and compensates the steps that
 * succeeded, newest first, as a failure of that step would (the engine's compensateSaga); the history
 * records who asked and why, and the order is cancelled through the usual path once the compensations
 * are confirmed. For a saga RUNNING, or NEEDS_ATTENTION while running.
 *
 * 200 with the saga as it is now (COMPENSATING; CANCELLING when nothing needed undoing); 400 for a
 * missing or empty reason or another field; 404 for an unknown saga; 409 for a saga that cannot be
 * asked: it ended, compensates already, has its outcome decided (COMPLETING, CANCELLING), or awaits a
 * step that must not be given up on (the order saga's commit: the customer has paid; retry it
 * instead), with `reason` in the error's details; 421 when another orchestrator replica owns the saga.
 */
export function mountSagaCompensateRoute(
  router: Router,
  deps: {
    readonly auth: Config['auth'];
    readonly store: Pick<SagaStore, 'findById'>;
    readonly compensate: (sagaId: string, request: CompensateRequest) => Promise<CompensateResult>;
    /** Whether this replica owns a saga's key now (default: every key). */
    readonly owns?: (key: string) => boolean;
    /** The steps' topics of a definition, for the timelines of the saga answered (saga-view.ts). */
    readonly stepTopics?: (saga: string) => readonly StepTopics[] | undefined;
  },
): void {
  const admin = requireAccess(deps.auth, compensateSaga);

  router.post(compensateSaga.path, admin, jsonBodyParser({ limit: '8kb' }), async (ctx) => {
    const { sagaId } = parseBody(sagaIdParams, ctx.params);
    const { reason } = parseBody(compensateBody, ctx.request.body);
    if (deps.owns) {
      const current = await deps.store.findById(sagaId);
      if (current && !deps.owns(current.key)) throw new SagaOwnedElsewhereError(sagaId);
    }
    const result = await deps.compensate(sagaId, { reason, by: principalOf(ctx).subject });
    switch (result.kind) {
      case 'UNKNOWN_SAGA':
        throw new NotFoundError(`no saga ${sagaId}`);
      case 'NOT_COMPENSABLE':
        throw new ConflictError(`saga ${sagaId} is ${result.status}: ${result.detail}`, {
          status: result.status,
          reason: result.reason,
        });
      case 'COMPENSATING': {
        const saga = await deps.store.findById(sagaId);
        if (!saga) throw new NotFoundError(`no saga ${sagaId}`);
        ctx.body = sagaView(saga, deps.stepTopics?.(saga.saga));
      }
    }
  });
}
