import type { ReturnRejectReason, TopicMessageMap } from '@saga/contracts';
import { defineSaga, type SagaDecision, type SagaState, type SagaTransition } from '@saga/saga-engine';
import { recordedRefund, recordedRefundId, type ReturnSagaData } from './return-saga-data.ts';
import {
  approveReturnPolicy,
  refundReturnPolicy,
  restockPolicy,
  settleReturnPolicy,
} from './return-saga-policies.ts';

/** The persisted state of one return's saga. */
export type ReturnSagaState = SagaState<ReturnSagaData, ReturnRejectReason>;

/** The state to persist and the commands to publish when a return's saga starts. */
export type ReturnSagaDecision = SagaDecision<TopicMessageMap, ReturnSagaData, ReturnRejectReason>;

/** The same for a reply, with what the engine made of it. */
export type ReturnSagaTransition = SagaTransition<TopicMessageMap, ReturnSagaData, ReturnRejectReason>;

/**
 * The return saga: the order approves the return (and holds its quantities), inventory takes the
 * items back, payment refunds the lines at the prices charged, then the order records the return
 * COMPLETED with what was refunded. The engine walks it as it walks the order saga; this file says
 * what each step sends, what each reply means, and what an unanswered step means:
 *
 * - approval rejected (order not CONFIRMED, more units than bought) or unanswered: the saga is
 *   cancelled with the reason, and order.cancel-return records the return REJECTED;
 * - restock failed (a SKU inventory does not know): nothing moved, the saga is cancelled
 *   RESTOCK_FAILED, and the return is REJECTED, which frees its held quantities;
 * - restock unanswered: never given up by itself (inventory may have restocked and its answer be
 *   lost): the saga needs attention;
 * - refund unanswered (a closed account refuses it without answering): re-sent, then the saga needs
 *   attention, so money owed to a customer is never dropped; after the account is reopened,
 *   POST /sagas/:sagaId/retry sends it again, and the saga goes on to COMPLETED;
 * - order.complete-return or order.cancel-return unacknowledged: re-sent, then the saga needs attention.
 *
 * No step has a compensation command: the approval's undo is the return REJECTED, which
 * order.cancel-return (sent on every cancellation) records; a restock is not undone, as a saga past
 * it fails only when a person asks it to (POST /sagas/:sagaId/compensate), and the items are back on
 * the shelf either way.
 */
export const returnSaga = defineSaga<TopicMessageMap, ReturnSagaData, ReturnRejectReason>({
  name: 'return',
  steps: [
    {
      name: 'approveReturn',
      command: {
        topic: 'order.approve-return',
        value: (data, { now }) => ({
          orderId: data.orderId,
          sagaId: data.sagaId,
          returnId: data.returnId,
          approvalRequestedAt: now,
        }),
      },
      onSuccess: {
        'order.return-approved': (data, reply) => ({
          ...data,
          pricedLines: reply.pricedLines,
          refund: reply.refund,
        }),
      },
      onFailure: {
        'order.return-rejected': (data, reply) => ({
          reason: reply.reason,
          data: { ...data, cancelDetail: reply.detail },
        }),
      },
      policy: approveReturnPolicy,
      onTimeout: (data, { attempts }) => ({
        reason: 'APPROVAL_TIMED_OUT',
        data: { ...data, cancelDetail: `the order service did not answer ${attempts} approval requests` },
      }),
    },
    {
      name: 'restock',
      command: {
        topic: 'inventory.restock',
        value: (data, { now }) => ({
          orderId: data.orderId,
          sagaId: data.sagaId,
          returnId: data.returnId,
          items: [...data.items],
          requestedAt: now,
        }),
      },
      onSuccess: { 'inventory.restocked': (data) => data },
      onFailure: {
        'inventory.restock-failed': (data, reply) => ({
          reason: 'RESTOCK_FAILED',
          data: {
            ...data,
            cancelDetail:
              reply.unknownSkus.length === 0
                ? `inventory could not take the items back (${reply.reason})`
                : `inventory holds no stock of: ${reply.unknownSkus.join(', ')}`,
          },
        }),
      },
      // No onTimeout: unanswered restocks need attention, not a guess (return-saga-policies.ts).
      policy: restockPolicy,
    },
    {
      name: 'refundReturn',
      command: {
        topic: 'payment.refund-return',
        value: (data, { now }) => ({
          orderId: data.orderId,
          sagaId: data.sagaId,
          returnId: data.returnId,
          amount: recordedRefund(data),
          requestedAt: now,
        }),
      },
      onSuccess: { 'payment.return-refunded': (data, reply) => ({ ...data, refundId: reply.refundId }) },
      // No onFailure and no onTimeout: a refund owed is re-sent, then needs attention, never dropped.
      policy: refundReturnPolicy,
    },
  ],
  onCompleted: [
    {
      topic: 'order.complete-return',
      value: (data, { now }) => ({
        orderId: data.orderId,
        sagaId: data.sagaId,
        returnId: data.returnId,
        refunded: recordedRefund(data),
        refundId: recordedRefundId(data),
        completedAt: now,
      }),
      acknowledgedBy: 'order.return-completed',
      policy: settleReturnPolicy,
    },
  ],
  onCancelled: [
    {
      topic: 'order.cancel-return',
      value: (data, { now, reason }) => ({
        orderId: data.orderId,
        sagaId: data.sagaId,
        returnId: data.returnId,
        reason,
        detail: data.cancelDetail,
        cancelledAt: now,
      }),
      acknowledgedBy: 'order.return-cancelled',
      policy: settleReturnPolicy,
    },
  ],
  onCompensationRequested: (data, { step, reason }) => ({
    reason: 'UNKNOWN',
    data: { ...data, cancelDetail: `cancelled by an operator while at ${step}: ${reason}` },
  }),
});
