import type { CancelReason, TopicMessageMap } from '@saga/contracts';
import { defineSaga, type SagaDecision, type SagaState, type SagaTransition } from '@saga/saga-engine';
import { cancelReasonOfInventory, cancelReasonOfPayment } from './cancel-reasons.ts';
import { recorded, type OrderSagaData } from './order-saga-data.ts';

/** The persisted state of one order's saga. */
export type OrderSagaState = SagaState<OrderSagaData, CancelReason>;

/** The state to persist and the commands to publish when an order's saga starts. */
export type OrderSagaDecision = SagaDecision<TopicMessageMap, OrderSagaData, CancelReason>;

/** The same for a reply, with what the engine made of it. */
export type OrderSagaTransition = SagaTransition<TopicMessageMap, OrderSagaData, CancelReason>;

/**
 * The order saga: reserve the stock, take the payment, commit the stock, then confirm the order. When
 * a step fails, what succeeded before it is undone newest first, and the order is cancelled with the
 * reason. The engine (`@saga/saga-engine`) walks it; this file only says what each step sends and
 * what each reply means.
 */
export const orderSaga = defineSaga<TopicMessageMap, OrderSagaData, CancelReason>({
  name: 'order',
  steps: [
    {
      name: 'reserveInventory',
      command: {
        topic: 'inventory.reserve',
        value: (data, { now }) => ({
          orderId: data.orderId,
          sagaId: data.sagaId,
          items: [...data.items],
          requestedAt: now,
        }),
      },
      onSuccess: { 'inventory.reserved': (data, reply) => ({ ...data, reservationId: reply.reservationId }) },
      onFailure: {
        'inventory.failed': (data, reply) => ({
          reason: cancelReasonOfInventory[reply.reason],
          data: { ...data, cancelDetail: unavailable(reply.unavailableSkus) },
        }),
      },
      compensation: {
        command: {
          topic: 'inventory.release',
          value: (data, { now, reason }) => ({
            orderId: data.orderId,
            sagaId: data.sagaId,
            reservationId: recorded(data, 'reservationId'),
            reason,
            requestedAt: now,
          }),
        },
        onConfirmed: { 'inventory.released': (data) => data },
      },
    },
    {
      name: 'processPayment',
      command: {
        topic: 'payment.request',
        value: (data, { now }) => ({
          orderId: data.orderId,
          sagaId: data.sagaId,
          customerId: data.customerId,
          amount: data.total,
          requestedAt: now,
        }),
      },
      onSuccess: { 'payment.success': (data, reply) => ({ ...data, paymentId: reply.paymentId }) },
      onFailure: {
        'payment.failed': (data, reply) => ({
          reason: cancelReasonOfPayment[reply.reason],
          data: { ...data, cancelDetail: reply.detail },
        }),
      },
      // No compensation yet. Refunds come with a later issue, as a compensation here:
      // payment.refund confirmed by payment.refunded, with `compensateLateSuccess` so that a
      // payment that succeeds after the saga gave up on it is refunded too.
    },
    {
      name: 'commitInventory',
      command: {
        topic: 'inventory.commit',
        value: (data, { now }) => ({
          orderId: data.orderId,
          sagaId: data.sagaId,
          reservationId: recorded(data, 'reservationId'),
          paymentId: recorded(data, 'paymentId'),
          requestedAt: now,
        }),
      },
      onSuccess: { 'inventory.completed': (data) => data },
    },
  ],
  onCompleted: [
    {
      topic: 'order.confirm',
      value: (data, { now }) => ({
        orderId: data.orderId,
        sagaId: data.sagaId,
        reservationId: recorded(data, 'reservationId'),
        paymentId: recorded(data, 'paymentId'),
        confirmedAt: now,
      }),
    },
  ],
  onCancelled: [
    {
      topic: 'order.cancel',
      value: (data, { now, reason }) => ({
        orderId: data.orderId,
        sagaId: data.sagaId,
        reason,
        detail: data.cancelDetail,
        cancelledAt: now,
      }),
    },
  ],
});

function unavailable(skus: readonly string[]): string | null {
  return skus.length === 0 ? null : `not available: ${skus.join(', ')}`;
}
