import { z } from 'zod';

/** `PUT /accounts/:customerId`: the balance to have, in minor units, and optionally the currency. */
export const balanceBody = z.strictObject({
  balance: z.int().nonnegative(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
    .optional(),
});
