import { defineSagaBinding } from '@saga/saga-runtime';
import { orderSaga, startOrderSaga } from './saga/index.ts';

/**
 * The order saga as the saga manager runs it: order.created starts it, keyed by the order id; every
 * reply carries the order id and the saga id back, and is applied to the saga with both.
 */
export const orderSagaBinding = defineSagaBinding({
  definition: orderSaga,
  start: {
    topic: 'order.created',
    orderIdOf: (order) => order.orderId,
    decide: startOrderSaga,
  },
  correlate: ({ message }) =>
    'sagaId' in message ? { orderId: message.orderId, sagaId: message.sagaId } : undefined,
});
