import mongoose from 'mongoose';
import type { AccountDeps } from './apply-to-account.ts';
import { settleEntries } from './settle-entries.ts';

/**
 * The start-up sweep of the ledger: settles the entries a crash left in accounts (between an account's
 * update and its settlement, or between the settlement's two steps), so that no account keeps an
 * entry until its customer's next payment. Each account is read again as its writer before anything
 * is done, since the consumers already run; settling is idempotent anyway (settle-entries.ts).
 *
 * Only accounts with an unsettled entry are read (`charges.0` exists: the list is not empty). The
 * filter has no index, so this is a scan of the accounts, once per start, never on the hot path.
 *
 * One account failing does not stop the others, nor the service: it is logged, and the account's next
 * write or the next start tries again.
 */
export async function settleInterruptedEntries(
  deps: AccountDeps,
): Promise<{ readonly settled: number; readonly failed: number }> {
  const exists = () => mongoose.trusted({ $exists: true });
  const accounts = await deps.accounts
    .find({ $or: [{ 'charges.0': exists() }, { 'refunds.0': exists() }] }, { _id: 1 })
    .lean();
  let settled = 0;
  let failed = 0;
  for (const { _id: customerId } of accounts) {
    try {
      settled += await deps.writer.run(deps.accounts, customerId, async () =>
        settleEntries(deps, await deps.accounts.findById(customerId).lean()),
      );
    } catch (error) {
      failed++;
      deps.logger.error(
        { err: error, customerId },
        'could not settle an account’s ledger entries; its next write or the next start tries again',
      );
    }
  }
  if (accounts.length > 0) {
    deps.logger.info({ accounts: accounts.length, settled, failed }, 'interrupted ledger settlements swept');
  }
  return { settled, failed };
}
