import { z } from 'zod';

/**
 * `PUT /accounts/:customerId`: the balance to have, in minor units, and optionally the currency; and,
 * or only, the status (OPEN or CLOSED: a closed account refuses returns' refunds).
 */
export const balanceBody = z
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
