import type { RefundPayment, RequestPayment } from '@saga/contracts';
import { decision, type Decision } from '@saga/service-kit';
import type { PaymentRecord } from '../model/payment.ts';

/** The fields a payment is created with; the store adds the rest (ledger lists, outbox, times). */
export type NewPayment = Pick<
  PaymentRecord,
  | '_id'
  | 'paymentId'
  | 'sagaId'
  | 'customerId'
  | 'amount'
  | 'status'
  | 'reason'
  | 'detail'
  | 'requestedAt'
  | 'failedAt'
>;

/** A request's payment, PENDING until its charge is decided. `paymentId` is passed in (a new uuid). */
export function pendingPayment(request: RequestPayment, paymentId: string): NewPayment {
  return {
    _id: request.orderId,
    paymentId,
    sagaId: request.sagaId,
    customerId: request.customerId,
    amount: { amountMinor: request.amount.amountMinor, currency: request.amount.currency },
    status: 'PENDING',
    reason: null,
    detail: null,
    requestedAt: request.requestedAt,
    failedAt: null,
  };
}

/**
 * The payment of an order whose refund arrived before any request for it: decided as FAILED at once,
 * so that a request still on its way never charges an order its saga has given up on. Nothing was
 * taken, so the refund gives nothing back. The customer is unknown (a refund does not name one).
 */
export function cancelledPayment(command: RefundPayment, now: Date): NewPayment {
  return {
    _id: command.orderId,
    paymentId: command.paymentId,
    sagaId: command.sagaId,
    customerId: null,
    amount: { amountMinor: command.amount.amountMinor, currency: command.amount.currency },
    status: 'FAILED',
    reason: 'PAYMENT_DECLINED',
    detail: 'a refund for this order came before any payment request; the order is never charged',
    requestedAt: command.requestedAt,
    failedAt: now,
  };
}

/** Whether opening found the order's payment or made it. */
export type Opening = 'found' | 'opened';

/**
 * The order's payment, opened: the one stored stays as it is (so a second request for the order, or
 * the same one redelivered, changes nothing), or else `fresh` is inserted. Idempotent by order id, the
 * document id: a payment opened meanwhile elsewhere makes the insert collide, and the runtime decides
 * again on what it finds.
 */
export function decideOpening(payment: PaymentRecord | null, fresh: NewPayment): Decision<Opening> {
  return payment === null ? decision.insert({ ...fresh }, 'opened') : decision.none('found');
}
