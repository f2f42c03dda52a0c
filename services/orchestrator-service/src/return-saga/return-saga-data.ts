import type { Money, OrderReturnRequested, PricedLine, ReturnLine } from '@saga/contracts';
import { ReturnSagaDataError } from './return-saga-data-error.ts';

/**
 * What the return saga knows of its return: the request as the order service announced it, and what
 * the participants' replies added. Plain data, persisted beside the engine's state.
 */
export interface ReturnSagaData {
  /** The saga's own id; every command carries it, and every reply carries it back. */
  readonly sagaId: string;
  /** The order whose lines come back: the key of every message of the return (its partition, its writer). */
  readonly orderId: string;
  /** The return; one order may have several, each with a saga of its own. */
  readonly returnId: string;
  /** The customer who owns the order (searchable: `GET /sagas?saga=return&customerId=`). */
  readonly customerId: string;
  /** The lines sent back, unpriced, as the customer asked. */
  readonly items: readonly ReturnLine[];
  /** The lines at the unit prices the order was charged, from order.return-approved; empty until then. */
  readonly pricedLines: readonly PricedLine[];
  /** What the customer gets back, from order.return-approved; null until then. */
  readonly refund: Money | null;
  /** The refund as payment records it, from payment.return-refunded; null until then. */
  readonly refundId: string | null;
  /** Why the saga gave up, for support staff, from a failure reply; sent with order.cancel-return. */
  readonly cancelDetail: string | null;
}

/** The data a return's saga starts with. The saga id is passed in, so that this stays a pure function. */
export function returnSagaData(request: OrderReturnRequested, sagaId: string): ReturnSagaData {
  return {
    sagaId,
    orderId: request.orderId,
    returnId: request.returnId,
    customerId: request.customerId,
    items: request.items,
    pricedLines: [],
    refund: null,
    refundId: null,
    cancelDetail: null,
  };
}

/**
 * A value a reply recorded, for a command that cannot be sent without it. Only a step after that
 * reply asks, so a missing one means a broken state, not a business failure.
 *
 * @throws {ReturnSagaDataError} when it is not there
 */
export function recordedRefund(data: ReturnSagaData): Money {
  if (data.refund === null) throw new ReturnSagaDataError(data.sagaId, 'refund');
  return data.refund;
}

/** @throws {ReturnSagaDataError} when payment.return-refunded has not recorded the refund's id */
export function recordedRefundId(data: ReturnSagaData): string {
  if (data.refundId === null) throw new ReturnSagaDataError(data.sagaId, 'refundId');
  return data.refundId;
}
