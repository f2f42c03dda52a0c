export {
  returnSaga,
  type ReturnSagaDecision,
  type ReturnSagaState,
  type ReturnSagaTransition,
} from './return-saga.ts';
export { returnSagaData, type ReturnSagaData } from './return-saga-data.ts';
export { ReturnSagaDataError } from './return-saga-data-error.ts';
export { startReturnSaga, type StartReturnSagaOptions } from './start-return-saga.ts';
