import { z } from 'zod';
import { PaymentFailureReasonSymbols } from '@saga/contracts';
import type { Conforms, Wire } from '@saga/service-kit';
import { paymentStatuses } from '../rules/payment-status.ts';
import type { accountView } from './account-view.ts';
import type { paymentView } from './payment-view.ts';

const time = z.iso.datetime();
const money = z.object({ amountMinor: z.number().int(), currency: z.string() });

/** A payment as the API answers it (payment-view.ts makes it): fields that do not apply are left out. */
export const paymentViewSchema = z
  .object({
    orderId: z.string(),
    paymentId: z.string(),
    sagaId: z.string(),
    customerId: z.string().optional(),
    status: z.enum(paymentStatuses),
    amount: money,
    reason: z.enum(PaymentFailureReasonSymbols).optional(),
    detail: z.string().optional(),
    requestedAt: time,
    paidAt: time.optional(),
    failedAt: time.optional(),
    refund: z
      .object({ refundId: z.string(), amount: money, requestedAt: time, refundedAt: time.optional() })
      .optional(),
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: 'Payment' });

/**
 * An account as the API answers it (account-view.ts makes it): the balance and the ledger that
 * explains it, `balance + totals.charged - totals.refunded = totals.funded`.
 */
export const accountViewSchema = z
  .object({
    customerId: z.string(),
    balance: z.number().int(),
    currency: z.string().nullable(),
    totals: z.object({ funded: z.number().int(), charged: z.number().int(), refunded: z.number().int() }),
    adjustments: z.array(z.object({ setTo: z.number().int(), delta: z.number().int(), at: time })),
    charges: z.array(
      z.object({
        orderId: z.string(),
        paymentId: z
          .string()
          .optional()
          .meta({ description: 'Left out on entries settled before payment ids were kept' }),
        amountMinor: z.number().int(),
        at: time,
      }),
    ),
    refunds: z.array(
      z.object({
        orderId: z.string(),
        refundId: z
          .string()
          .optional()
          .meta({ description: 'Left out on entries settled before refund ids were kept' }),
        amountMinor: z.number().int(),
        at: time,
      }),
    ),
    createdAt: time,
    updatedAt: time,
  })
  .meta({ id: 'Account' });

/** Compile only while the schemas describe what the views make. */
export type PaymentViewDescribed = Conforms<
  Wire<ReturnType<typeof paymentView>>,
  z.input<typeof paymentViewSchema>
>;
export type AccountViewDescribed = Conforms<
  Wire<ReturnType<typeof accountView>>,
  z.input<typeof accountViewSchema>
>;
