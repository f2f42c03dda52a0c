import type { Logger } from '@saga/logging';
import type { OutboxRelay, SingleWriter } from '@saga/service-kit';
import type { AccountModel } from '../model/account.ts';
import type { PaymentModel } from '../model/payment.ts';

/** What the payment operations work with, passed in as one object. */
export interface PaymentDeps {
  readonly payments: PaymentModel;
  readonly accounts: AccountModel;
  /** The service's single writer: a payment is written as its order's, inside it the account as its customer's. */
  readonly writer: SingleWriter;
  /** Nudged after every write that filled an outbox, so the reply goes out now. */
  readonly relay: Pick<OutboxRelay, 'nudge'>;
  readonly logger: Logger;
  readonly now: () => Date;
}

/**
 * The message an operation applies: its id is recorded in the payment in the same update, and its
 * trace is continued by the reply. Absent when the start-up sweep finishes work nobody redelivers.
 */
export interface AppliedMessage {
  readonly id: string;
  readonly traceparent: string;
  /** The saga that sent it, which the reply goes back to. */
  readonly sagaId: string;
}
