import type { InventoryReserved, Money, OrderCreated, OrderLine, PricedLine } from '@saga/contracts';
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
  /** The ordered lines, unpriced: inventory prices them (their deprecated unitPrice is not read). */
  readonly items: readonly OrderLine[];
  /**
   * The currency the customer ordered in, which every catalogue price must be in. Absent in sagas
   * started before prices belonged to the shop (inventory then only insists on one currency).
   */
  readonly currency?: string;
  /** The lines at the shop's catalogue prices, from inventory.reserved; empty until then (absent in sagas started before prices). */
  readonly pricedLines?: readonly PricedLine[];
  /**
   * What payment charges (and a refund gives back): the total of the priced lines, from
   * inventory.reserved; null until then. (Sagas started before prices carry the order's own total.)
   */
  readonly total: Money | null;
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
    currency: order.currency,
    // order.created's total is a deprecated zero: the order costs what inventory prices it at.
    pricedLines: [],
    total: null,
    reservationId: null,
    paymentId: null,
    cancelDetail: null,
  };
}

/** The saga data with the priced lines and the total of an inventory.reserved recorded. */
export function withPrices(
  data: OrderSagaData,
  reply: Pick<InventoryReserved, 'pricedLines' | 'total'>,
): OrderSagaData {
  return { ...data, pricedLines: reply.pricedLines, total: reply.total };
}

/**
 * What the order costs, for the commands that move money. Only a step after inventory.reserved asks;
 * a missing total means the reply came from an inventory service that does not price lines, and the
 * saga cannot charge an amount it does not know: a person has to look.
 *
 * @throws {OrderSagaDataError} when no total is recorded
 */
export function chargedTotal(data: OrderSagaData): Money {
  if (data.total === null) throw new OrderSagaDataError(data.sagaId, 'total');
  return data.total;
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
