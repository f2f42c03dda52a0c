/**
 * The update that applies a decision matched nothing, yet a re-read shows the order in a status the
 * decision applies in and the message not yet applied. Statuses never go back to PENDING, so this
 * should not happen. It is left unclassified on purpose: the consumer tries the message a few more
 * times (a store hiccup clears), then dead-letters it for a human to replay, rather than blocking the
 * partition forever.
 */
export class UnexplainedMissError extends Error {
  readonly code = 'ORDER_UPDATE_MISSED';
  constructor(readonly orderId: string) {
    super(`order ${orderId} accepts the decision, but the update that applies it matched nothing`);
    this.name = 'UnexplainedMissError';
  }
}
