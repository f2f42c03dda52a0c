import { defineSagaBinding } from '@saga/saga-runtime';
import { orderSaga, orderSagaData } from './saga/index.ts';

/**
 * The order saga as the saga manager runs it: order.created starts it, keyed by the order id
 * (`orderId`, as its view shows it); every reply carries the order id and the saga id back, and is
 * applied to the saga with both. Operators list sagas by the customer (`GET /sagas?customerId=`).
 */
export const orderSagaBinding = defineSagaBinding({
  definition: orderSaga,
  key: { name: 'orderId', of: (order) => order.orderId },
  start: { topic: 'order.created', data: (order, { sagaId }) => orderSagaData(order, sagaId) },
  correlate: ({ message }) =>
    'sagaId' in message ? { key: message.orderId, sagaId: message.sagaId } : undefined,
  searchable: ['customerId'],
});
