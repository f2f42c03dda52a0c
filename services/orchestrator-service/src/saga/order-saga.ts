import type { CancelReason, InventoryFailureReason, TopicMessageMap } from '@saga/contracts';
import { defineSaga, type SagaDecision, type SagaState, type SagaTransition } from '@saga/saga-engine';
import { cancelReasonOfInventory, cancelReasonOfPayment } from './cancel-reasons.ts';
import { chargedTotal, recorded, withPrices, type OrderSagaData } from './order-saga-data.ts';
import {
  commitInventoryPolicy,
  paymentStepPolicy,
  refundPaymentPolicy,
  releaseInventoryPolicy,
  reserveInventoryPolicy,
  settleOrderPolicy,
} from './order-saga-policies.ts';

/** The persisted state of one order's saga. */
export type OrderSagaState = SagaState<OrderSagaData, CancelReason>;

/** The state to persist and the commands to publish when an order's saga starts. */
export type OrderSagaDecision = SagaDecision<TopicMessageMap, OrderSagaData, CancelReason>;

/** The same for a reply, with what the engine made of it. */
export type OrderSagaTransition = SagaTransition<TopicMessageMap, OrderSagaData, CancelReason>;

/**
 * The order saga: reserve the stock, take the payment, commit the stock, then confirm the order. When
 * a step fails, what succeeded before it is undone newest first, and the order is cancelled with the
 * reason. The engine (`@saga/saga-engine`) walks it; this file only says what each step sends, what
 * each reply means, and what an unanswered step means (policies in order-saga-policies.ts):
 *
 * - reserving or paying unanswered: the order is cancelled (INVENTORY_TIMED_OUT, PAYMENT_TIMED_OUT),
 *   and a reservation or payment that is made after all is released or refunded when its reply comes;
 * - committing unanswered: never given up (the customer has paid): the saga needs attention;
 * - a release or refund unanswered: the saga needs attention;
 * - order.confirm or order.cancel unacknowledged (order.confirmed, order.cancelled): re-sent, then the
 *   saga needs attention; until acknowledged the saga is COMPLETING or CANCELLING, not ended;
 * - a person asking it to compensate (POST /sagas/:sagaId/compensate) while it reserves or pays: the
 *   order is cancelled as UNKNOWN (the cancel reasons are an Avro enum without a default, so a new
 *   symbol would break readers on the old schema), with the person's words in the cancel detail.
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
          currency: data.currency ?? null,
          requestedAt: now,
        }),
      },
      onSuccess: {
        // The shop's prices: what the order costs is known from here on.
        'inventory.reserved': (data, reply) => ({
          ...withPrices(data, reply),
          reservationId: reply.reservationId,
        }),
      },
      onFailure: {
        'inventory.failed': (data, reply) => ({
          reason: cancelReasonOfInventory[reply.reason],
          data: { ...data, cancelDetail: unavailable(reply.reason, reply.unavailableSkus) },
        }),
      },
      policy: reserveInventoryPolicy,
      onTimeout: (data, { attempts }) => ({
        reason: 'INVENTORY_TIMED_OUT',
        data: { ...data, cancelDetail: `inventory did not answer ${attempts} reservation requests` },
      }),
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
        policy: releaseInventoryPolicy,
        // A reservation made after the saga gave up on it (inventory was slow, not down) holds stock
        // for an order that is cancelled: its late inventory.reserved releases it.
        compensateLateSuccess: true,
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
          amount: chargedTotal(data),
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
      policy: paymentStepPolicy,
      onTimeout: (data, { attempts }) => ({
        reason: 'PAYMENT_TIMED_OUT',
        data: { ...data, cancelDetail: `payment did not answer ${attempts} payment requests` },
      }),
      compensation: {
        command: {
          topic: 'payment.refund',
          value: (data, { now }) => ({
            orderId: data.orderId,
            sagaId: data.sagaId,
            paymentId: recorded(data, 'paymentId'),
            amount: chargedTotal(data),
            requestedAt: now,
          }),
        },
        onConfirmed: { 'payment.refunded': (data) => data },
        policy: refundPaymentPolicy,
        // A payment that succeeds after the saga gave up on it took money for a cancelled order: its
        // late payment.success is refunded, once (a repeat finds the step compensating already).
        compensateLateSuccess: true,
      },
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
      // No onTimeout: once paid, the order goes on; unanswered commits need attention, not a cancel.
      policy: commitInventoryPolicy,
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
        pricedLines: [...(data.pricedLines ?? [])],
        total: data.total,
        confirmedAt: now,
      }),
      acknowledgedBy: 'order.confirmed',
      policy: settleOrderPolicy,
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
      acknowledgedBy: 'order.cancelled',
      policy: settleOrderPolicy,
    },
  ],
  onCompensationRequested: (data, { step, reason }) => ({
    reason: 'UNKNOWN',
    data: { ...data, cancelDetail: `cancelled by an operator while at ${step}: ${reason}` },
  }),
});

/** What support staff read about SKUs inventory could not reserve, in the words of the reason. */
function unavailable(reason: InventoryFailureReason, skus: readonly string[]): string | null {
  if (skus.length === 0) return null;
  const what =
    reason === 'PRICE_NOT_SET'
      ? 'no catalogue price'
      : reason === 'CURRENCY_MISMATCH'
        ? 'priced in another currency than the order'
        : 'not available';
  return `${what}: ${skus.join(', ')}`;
}
