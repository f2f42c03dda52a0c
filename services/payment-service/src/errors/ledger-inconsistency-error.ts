import { PlatformError } from '@saga/service-kit';

/**
 * The store contradicts the ledger's rules, e.g. a refund of a charge the account never recorded.
 * Not retriable: a person has to look at the account; the message stays undelivered meanwhile.
 */
export class LedgerInconsistencyError extends PlatformError {
  readonly code = 'LEDGER_INCONSISTENT';
  readonly retriable = false;
  constructor(
    readonly customerId: string | null,
    readonly orderId: string,
    readonly problem: string,
  ) {
    super(`ledger of customer ${customerId ?? '(none)'} for order ${orderId}: ${problem}`);
  }
}
