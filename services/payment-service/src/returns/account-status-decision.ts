import { decision, type Decision } from '@saga/service-kit';
import type { AccountRecord, AccountStatus } from '../model/account.ts';

/** What setting an account's status came to. */
export type AccountStatusResult = 'changed' | 'unchanged' | 'no-account';

/**
 * Closes or reopens an account (`PUT /accounts/:customerId {"status": ...}`, admin): one `$set`, or
 * nothing when it is so already. A closed account refuses returns' refunds (return-refund-decision.ts);
 * reopened, the refunds its return sagas re-send (or an operator retries) are paid.
 */
export function decideAccountStatus(
  account: Pick<AccountRecord, 'status'> | null,
  status: AccountStatus,
  now: Date,
): Decision<AccountStatusResult> {
  if (account === null) return decision.none('no-account');
  if ((account.status ?? 'OPEN') === status) return decision.none('unchanged');
  return decision.update({ $set: { status, updatedAt: now } }, 'changed');
}
