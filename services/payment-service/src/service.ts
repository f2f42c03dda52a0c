import { defineService, type ServiceContext } from '@saga/service-kit';
import { handlePaymentRefund } from './handlers/payment-refund.ts';
import { handlePaymentRequest } from './handlers/payment-request.ts';
import { mountAccountRoutes } from './http/account-routes.ts';
import { mountPaymentRoutes } from './http/payment-routes.ts';
import { settleInterruptedEntries } from './ledger/settle-interrupted-entries.ts';
import { accountModel } from './model/account.ts';
import { ledgerEntryModel } from './model/ledger-entry.ts';
import { paymentModel } from './model/payment.ts';
import { refundReturnHandler } from './returns/refund-return.ts';
import { finishInterruptedPayments } from './payments/finish-interrupted-payments.ts';
import type { PaymentDeps } from './payments/payment-deps.ts';

/** The payment operations' dependencies, from what the running service hands its parts. */
function paymentDeps(ctx: ServiceContext): PaymentDeps {
  return {
    payments: paymentModel(ctx.db),
    accounts: accountModel(ctx.db),
    ledgerEntries: ledgerEntryModel(ctx.db),
    writer: ctx.writer,
    aggregates: ctx.aggregates,
    logger: ctx.logger,
    now: () => new Date(),
  };
}

/**
 * The payment service: charges customers' accounts for orders exactly once, refunds them on request
 * (a whole payment, or a return's lines, each once), and answers the sagas; accounts are set up, and
 * closed or reopened, over HTTP. Payments (with the replies they owe in their
 * outbox), accounts (with the ledger entries not settled yet) and the settled ledger entries live in
 * the service's own database. Every write is a pure decision applied by service-kit's aggregate
 * runtime, as the document's single writer (a payment by order, an account by customer inside its
 * payment's, a ledger entry inside its account's). An account is shared by orders of every partition, so on FerretDB, whose updates are not atomic across processes,
 * the service runs as one replica.
 */
export const paymentService = defineService({
  name: 'payment-service',
  port: (config) => config.services.payment.port,
  publishes: ['payment.success', 'payment.failed', 'payment.refunded', 'payment.return-refunded'],
  consumes: ['payment.request', 'payment.refund', 'payment.refund-return'],
  models: (db) => [accountModel(db), ledgerEntryModel(db), paymentModel(db)],
  handlers: (ctx) => {
    const deps = paymentDeps(ctx);
    return {
      'payment.request': handlePaymentRequest(deps),
      'payment.refund': handlePaymentRefund(deps),
      // A return's refund, for the return saga (returns/).
      'payment.refund-return': refundReturnHandler(deps),
    };
  },
  routes: (router, ctx) => {
    const deps = { ...paymentDeps(ctx), auth: ctx.config.auth };
    mountAccountRoutes(router, deps);
    mountPaymentRoutes(router, deps);
  },
  onStart: async (ctx) => {
    const deps = paymentDeps(ctx);
    // Ledger entries first, so that the payments' sweep finds accounts small; either one alone would
    // do, as every account write settles what its account holds.
    await settleInterruptedEntries(deps);
    await finishInterruptedPayments(deps);
  },
});
