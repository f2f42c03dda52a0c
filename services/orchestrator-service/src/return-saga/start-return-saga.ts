import type { OrderReturnRequested } from '@saga/contracts';
import { start } from '@saga/saga-engine';
import { returnSagaData } from './return-saga-data.ts';
import { returnSaga, type ReturnSagaDecision } from './return-saga.ts';

/** What starting a return's saga needs besides the request: its id and the time, both from the caller. */
export interface StartReturnSagaOptions {
  readonly sagaId: string;
  readonly now: Date;
}

/** Starts the saga of a requested return: order.return-requested → order.approve-return. */
export function startReturnSaga(
  request: OrderReturnRequested,
  options: StartReturnSagaOptions,
): ReturnSagaDecision {
  return start(returnSaga, returnSagaData(request, options.sagaId), { now: options.now });
}
