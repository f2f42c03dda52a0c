import type { OrderCreated } from '@saga/contracts';
import { start } from '@saga/saga-engine';
import { orderSagaData } from './order-saga-data.ts';
import { orderSaga, type OrderSagaDecision } from './order-saga.ts';

/** What starting an order's saga needs besides the order: its new id and the time, both from the caller. */
export interface StartOrderSagaOptions {
  readonly sagaId: string;
  readonly now: Date;
}

/** Starts the saga of a created order: the first row of the saga's table (order.created → inventory.reserve). */
export function startOrderSaga(order: OrderCreated, options: StartOrderSagaOptions): OrderSagaDecision {
  return start(orderSaga, orderSagaData(order, options.sagaId), { now: options.now });
}
