import { PlatformError } from '@saga/service-kit';

/**
 * An order's payment was gone when a step after its opening read it. Nothing deletes payments, so
 * the store was changed by hand. Not retriable: a person has to look.
 */
export class MissingPaymentError extends PlatformError {
  readonly code = 'PAYMENT_MISSING';
  readonly retriable = false;
  constructor(readonly orderId: string) {
    super(`payment of order ${orderId} was opened, yet is gone`);
  }
}
