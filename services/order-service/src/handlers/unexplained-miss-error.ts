/**
 * The update that applies a decision matched nothing, yet a re-read shows the order in a status the
 * decision applies in and the message not yet applied. Statuses never go back to PENDING, so this
 * should not happen; throwing lets the consumer deliver the message again rather than drop it.
 */
export class UnexplainedMissError extends Error {
  readonly code = 'ORDER_UPDATE_MISSED';
  readonly retriable = true;
  constructor(readonly orderId: string) {
    super(`order ${orderId} accepts the decision, but the update that applies it matched nothing`);
    this.name = 'UnexplainedMissError';
  }
}
