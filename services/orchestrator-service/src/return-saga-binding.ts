import { defineSagaBinding } from '@saga/saga-runtime';
import { returnSaga, returnSagaData } from './return-saga/index.ts';

/**
 * The return saga as the saga manager runs it: order.return-requested starts it. It is keyed by the
 * order id, like every message of the return, so a return's messages stay on its order's partition and
 * its writes with the order's writer (the orchestrator's replica that owns the order owns its returns
 * too); an order has one saga per return, told apart by the return id (`key.instance`), from which the
 * saga id derives, so a redelivered order.return-requested finds its saga instead of starting another.
 * Operators list return sagas by customer or return (`GET /sagas?saga=return&returnId=`).
 */
export const returnSagaBinding = defineSagaBinding({
  definition: returnSaga,
  key: {
    name: 'orderId',
    of: (request) => request.orderId,
    instance: (request) => request.returnId,
  },
  start: {
    topic: 'order.return-requested',
    data: (request, { sagaId }) => returnSagaData(request, sagaId),
  },
  correlate: ({ message }) =>
    'sagaId' in message ? { key: message.orderId, sagaId: message.sagaId } : undefined,
  searchable: ['customerId', 'returnId'],
});
