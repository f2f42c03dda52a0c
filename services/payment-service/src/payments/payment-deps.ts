import type { Logger } from '@saga/logging';
import type { AggregateRuntime, SingleWriter } from '@saga/service-kit';
import type { AccountModel } from '../model/account.ts';
import type { LedgerEntryModel } from '../model/ledger-entry.ts';
import type { PaymentModel } from '../model/payment.ts';

/** What the payment operations work with, passed in as one object. */
export interface PaymentDeps {
  readonly payments: PaymentModel;
  readonly accounts: AccountModel;
  /** Settled charges and refunds, moved out of the accounts as the account's writer. */
  readonly ledgerEntries: LedgerEntryModel;
  /**
   * The service's single writer: a handler holds its order's payment for all of its steps, and the
   * account is written inside it as its customer's (payment → account, never the other way round).
   */
  readonly writer: SingleWriter;
  /** The one write path: every write of a payment or an account is a decision applied by it. */
  readonly aggregates: AggregateRuntime;
  readonly logger: Logger;
  readonly now: () => Date;
}
