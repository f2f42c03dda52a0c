import type Router from '@koa/router';
import { z } from 'zod';
import type { Config } from '@saga/config';
import {
  ConflictError,
  ForbiddenError,
  jsonBodyParser,
  maySee,
  NotFoundError,
  parseBody,
  principalOf,
  requireRole,
} from '@saga/service-kit';
import type { AccountDeps } from '../ledger/apply-to-account.ts';
import { applyToAccount } from '../ledger/apply-to-account.ts';
import { setBalance, type SetBalanceOutcome } from '../ledger/set-balance.ts';
import type { AccountRecord } from '../model/account.ts';
import { decideAccountStatus } from '../returns/account-status-decision.ts';
import { accountView } from './account-view.ts';
import { customerIdParam } from './params.ts';

/**
 * `PUT /accounts/:customerId`: the balance to have, in minor units, and optionally the currency; and
 * or only, the status (OPEN or CLOSED).
 */
const balanceBody = z
  .strictObject({
    balance: z.int().nonnegative().optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
      .optional(),
    status: z.enum(['OPEN', 'CLOSED'], { error: 'must be OPEN or CLOSED' }).optional(),
  })
  .refine((body) => body.balance !== undefined || body.status !== undefined, {
    error: 'must name a balance, a status, or both',
    path: ['balance'],
  });

/**
 * Accounts:
 * - `PUT /accounts/:customerId {balance?, currency?, status?}` (admin token) sets the balance (201 when
 *   it creates the account, else 200), and records the move as funding; 409 when it names another
 *   currency than the account already has, or when another process kept changing the account
 *   meanwhile (try again). `status` CLOSED closes the account (it refuses returns' refunds, which then
 *   wait: see returns/refund-return.ts), OPEN reopens it; 404 for a status alone on no account.
 * - `GET /accounts/:customerId` shows the account and its ledger to admin, ops and the customer
 *   themselves (403 for another customer); 404 when there is none.
 */
export function mountAccountRoutes(
  router: Router,
  deps: AccountDeps & { readonly now: () => Date; readonly auth: Config['auth'] },
): void {
  router.put('/accounts/:customerId', requireRole(deps.auth, 'admin'), jsonBodyParser(), async (ctx) => {
    const customerId = customerIdParam(ctx.params.customerId);
    const change = parseBody(balanceBody, ctx.request.body);
    // As the account's writer throughout, so the account shown is the one this request wrote.
    await deps.writer.run(deps.accounts, customerId, async () => {
      let created = false;
      if (change.balance !== undefined) {
        // Another process that keeps changing the account makes this a 409 (the error middleware's GuardLostError).
        const outcome: SetBalanceOutcome = await setBalance(
          deps,
          customerId,
          { balance: change.balance, currency: change.currency },
          deps.now(),
        );
        if (outcome.kind === 'currency-conflict') {
          throw new ConflictError(
            `the account of customer ${customerId} holds ${outcome.current}; its currency cannot change to ${outcome.requested}`,
            { current: outcome.current, requested: outcome.requested },
          );
        }
        created = outcome.kind === 'created';
      }
      if (change.status !== undefined) {
        const status = change.status;
        const { result } = await applyToAccount(deps, customerId, (account) =>
          decideAccountStatus(account, status, deps.now()),
        );
        if (result === 'no-account')
          throw new NotFoundError(`customer ${customerId} has no account; set a balance to open one`);
        deps.logger.info(
          { customerId, status, result },
          `account ${status === 'CLOSED' ? 'closed' : 'open'}`,
        );
      }
      const account = await deps.accounts.findById(customerId).lean();
      if (!account) throw new NotFoundError(`customer ${customerId} has no account`);
      ctx.status = created ? 201 : 200;
      ctx.body = await viewOf(deps, account);
    });
  });

  router.get('/accounts/:customerId', requireRole(deps.auth, 'customer', 'admin', 'ops'), async (ctx) => {
    const customerId = customerIdParam(ctx.params.customerId);
    // The id is the path's own, so refusing it tells the caller nothing new: 403, not 404.
    if (!maySee(principalOf(ctx), customerId)) {
      throw new ForbiddenError('a customer sees only their own account');
    }
    // Read as the account's writer, so that no charge lands between the account's totals and the
    // settled entries read after them: the view's lists add up to its totals.
    const view = await deps.writer.run(deps.accounts, customerId, async () => {
      const account = await deps.accounts.findById(customerId).lean();
      return account ? viewOf(deps, account) : null;
    });
    if (!view) throw new NotFoundError(`customer ${customerId} has no account`);
    ctx.body = view;
  });
}

/**
 * The account with its settled entries, read after it: an entry settled meanwhile is then in
 * `ledger_entries` (it is inserted there before it leaves the account), and shown once.
 */
async function viewOf(deps: AccountDeps, account: AccountRecord) {
  const settled = await deps.ledgerEntries.find({ customerId: account._id }).lean();
  return accountView(account, settled);
}
