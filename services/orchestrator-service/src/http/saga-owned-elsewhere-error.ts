import { HttpError } from '@saga/service-kit';

/**
 * 421: another orchestrator replica owns the saga's key now, and only it may write the saga (one
 * writer per document). The operator sends the request to that replica, or again after a rebalance.
 */
export class SagaOwnedElsewhereError extends HttpError {
  constructor(sagaId: string) {
    super(
      421,
      'SAGA_OWNED_ELSEWHERE',
      `saga ${sagaId} belongs to another orchestrator replica now (its consumer group gave that replica the saga's partitions); send the request to that replica, or again once the group has settled`,
    );
  }
}
