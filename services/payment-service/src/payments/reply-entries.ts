import { outboxEntry, type OutboxEntry } from '@saga/service-kit';
import type { PaymentRecord } from '../model/payment.ts';
import { outcomeReply, refundedReply } from '../rules/payment-replies.ts';

/** The outbox entry answering a payment request with the payment's decided outcome. Keyed by the order id. */
export function outcomeEntry(
  payment: PaymentRecord,
  sagaId: string,
  causedBy?: { traceparent: string },
): OutboxEntry {
  const reply = outcomeReply(payment, sagaId);
  return reply.topic === 'payment.success'
    ? outboxEntry(reply.topic, payment._id, reply.value, causedBy)
    : outboxEntry(reply.topic, payment._id, reply.value, causedBy);
}

/** The outbox entry answering a refund request with the payment's recorded refund. Keyed by the order id. */
export function refundedEntry(
  payment: PaymentRecord,
  sagaId: string,
  causedBy?: { traceparent: string },
): OutboxEntry {
  return outboxEntry('payment.refunded', payment._id, refundedReply(payment, sagaId), causedBy);
}
