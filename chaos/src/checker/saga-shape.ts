/**
 * What the checker needs to know of a saga definition to judge a stored history: the step names in
 * order, the command each step sends (forward), the compensating commands, the commands that tell
 * the order how it ended, and which compensations may still go out after the saga ended.
 */
export interface SagaShape {
  /** The definition's name, as its sagas store it (`saga`). */
  readonly name: string;
  /** What the saga decides about, whose status it must agree with: the order, or one of its returns. */
  readonly subject: 'order' | 'return';
  /** The status each ended saga status must have left its subject in. */
  readonly subjectStatusOf: Readonly<Record<string, string>>;
  readonly steps: readonly string[];
  /** One command per step, in step order. */
  readonly forward: readonly string[];
  readonly compensations: readonly string[];
  /**
   * Compensations sent even once the saga has ended: a success that came after the saga gave up on
   * its step (a late reservation released, a late payment refunded).
   */
  readonly lateCompensations: readonly string[];
  readonly onCompleted: string;
  readonly onCancelled: string;
  /** The order service's acknowledgements of each, which the saga awaits before it ends. */
  readonly acknowledgements: Readonly<Record<string, string>>;
}

/** The order saga of orchestrator-service (services/orchestrator-service/src/saga/order-saga.ts). */
export const orderSagaShape: SagaShape = {
  name: 'order',
  subject: 'order',
  subjectStatusOf: { COMPLETED: 'CONFIRMED', CANCELLED: 'CANCELLED' },
  steps: ['reserveInventory', 'processPayment', 'commitInventory'],
  forward: ['inventory.reserve', 'payment.request', 'inventory.commit'],
  compensations: ['inventory.release', 'payment.refund'],
  lateCompensations: ['inventory.release', 'payment.refund'],
  onCompleted: 'order.confirm',
  onCancelled: 'order.cancel',
  acknowledgements: { 'order.confirm': 'order.confirmed', 'order.cancel': 'order.cancelled' },
};

/**
 * The return saga of orchestrator-service (services/orchestrator-service/src/return-saga/return-saga.ts):
 * no compensations (a rejection is the return REJECTED, which order.cancel-return records).
 */
export const returnSagaShape: SagaShape = {
  name: 'return',
  subject: 'return',
  subjectStatusOf: { COMPLETED: 'COMPLETED', CANCELLED: 'REJECTED' },
  steps: ['approveReturn', 'restock', 'refundReturn'],
  forward: ['order.approve-return', 'inventory.restock', 'payment.refund-return'],
  compensations: [],
  lateCompensations: [],
  onCompleted: 'order.complete-return',
  onCancelled: 'order.cancel-return',
  acknowledgements: {
    'order.complete-return': 'order.return-completed',
    'order.cancel-return': 'order.return-cancelled',
  },
};

/** Every saga definition the orchestrator hosts, by name. */
export const sagaShapes: readonly SagaShape[] = [orderSagaShape, returnSagaShape];
