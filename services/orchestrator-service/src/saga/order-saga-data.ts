import type { Money, OrderCreated, OrderLine } from '@saga/contracts';
import { OrderSagaDataError } from './order-saga-data-error.ts';

/**
 * What the order saga knows of its order: the order as created, and what the participants' replies
 * added. Plain data (no Dates either), persisted beside the engine's state.
 */
export interface OrderSagaData {
  /** The saga's own id; every command carries it, and every reply carries it back. */
  readonly sagaId: string;
  readonly orderId: string;
  /** The customer whose account payment charges. */
  readonly customerId: string;
  readonly items: readonly OrderLine[];
  readonly total: Money;
  /** The stock held for the order, from inventory.reserved; null until then. */
  readonly reservationId: string | null;
  /** The payment that paid for the order, from payment.success; null until then. */
  readonly paymentId: string | null;
  /** Why the saga gave up, for support staff, from a failure reply; sent with order.cancel. */
  readonly cancelDetail: string | null;
}

/** The data an order saga starts with. The saga id is passed in, so that this stays a pure function. */
export function orderSagaData(order: OrderCreated, sagaId: string): OrderSagaData {
  return {
    sagaId,
    orderId: order.orderId,
    customerId: order.customerId,
    items: order.items,
    total: order.total,
    reservationId: null,
    paymentId: null,
    cancelDetail: null,
  };
}

/**
 * An id a reply recorded, for a command that cannot be sent without it. Only a step after that reply
 * asks, so a missing one means a broken state, not a business failure.
 *
 * @throws {OrderSagaDataError} when the id is not there
 */
export function recorded(data: OrderSagaData, field: 'reservationId' | 'paymentId'): string {
  const value = data[field];
  if (value === null) throw new OrderSagaDataError(data.sagaId, field);
  return value;
}
