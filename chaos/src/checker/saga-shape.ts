/**
 * What the checker needs to know of a saga definition to judge a stored history: the step names in
 * order, the command each step sends (forward), the compensating commands, the commands that tell
 * the order how it ended, and which compensations may still go out after the saga ended.
 */
export interface SagaShape {
  readonly steps: readonly string[];
  /** One command per step, in step order. */
  readonly forward: readonly string[];
  readonly compensations: readonly string[];
  /** Sent after a compensation the saga confirms even once it has ended (a late success refunded). */
  readonly lateCompensations: readonly string[];
  readonly onCompleted: string;
  readonly onCancelled: string;
}

/** The order saga of orchestrator-service (services/orchestrator-service/src/saga/order-saga.ts). */
export const orderSagaShape: SagaShape = {
  steps: ['reserveInventory', 'processPayment', 'commitInventory'],
  forward: ['inventory.reserve', 'payment.request', 'inventory.commit'],
  compensations: ['inventory.release', 'payment.refund'],
  lateCompensations: ['payment.refund'],
  onCompleted: 'order.confirm',
  onCancelled: 'order.cancel',
};
