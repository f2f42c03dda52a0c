export { cancelReasonOfInventory, cancelReasonOfPayment } from './cancel-reasons.ts';
export {
  orderSaga,
  type OrderSagaDecision,
  type OrderSagaState,
  type OrderSagaTransition,
} from './order-saga.ts';
export { orderSagaData, type OrderSagaData } from './order-saga-data.ts';
export { OrderSagaDataError } from './order-saga-data-error.ts';
export { startOrderSaga, type StartOrderSagaOptions } from './start-order-saga.ts';
