import { outboxEntry, type OutboxEntry } from '@saga/service-kit';
import type { PaymentRecord } from '../model/payment.ts';
import { outcomeReply, refundedReply } from './payment-replies.ts';

/**
 * Whom a reply answers: the saga that asks now, and the trace of its message, which the reply
 * continues. The start-up sweep answers the saga recorded in the payment, with no message to follow.
 */
export interface ReplyTo {
  readonly sagaId: string;
  readonly traceparent?: string;
}

/** The outbox entry answering a payment request with the payment's decided outcome. Keyed by the order id. */
export function outcomeEntry(payment: PaymentRecord, to: ReplyTo): OutboxEntry {
  const reply = outcomeReply(payment, to.sagaId);
  const causedBy = to.traceparent === undefined ? undefined : { traceparent: to.traceparent };
  return reply.topic === 'payment.success'
    ? outboxEntry(reply.topic, payment._id, reply.value, causedBy)
    : outboxEntry(reply.topic, payment._id, reply.value, causedBy);
}

/** The outbox entry answering a refund request with the payment's recorded refund. Keyed by the order id. */
export function refundedEntry(payment: PaymentRecord, to: ReplyTo): OutboxEntry {
  const causedBy = to.traceparent === undefined ? undefined : { traceparent: to.traceparent };
  return outboxEntry('payment.refunded', payment._id, refundedReply(payment, to.sagaId), causedBy);
}
