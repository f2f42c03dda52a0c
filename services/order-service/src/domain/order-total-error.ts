import { PlatformError } from '@saga/errors';

/**
 * An order's total is not a safe integer. The API's limits make this impossible for a valid request,
 * so it means a limit was raised too far: money must never be summed past exact integers.
 */
export class OrderTotalOutOfRangeError extends PlatformError {
  readonly code = 'ORDER_TOTAL_OUT_OF_RANGE';
  readonly retriable = false;

  constructor(readonly total: number) {
    super(`order total ${total} is not a safe integer; lower the order limits`);
  }
}
