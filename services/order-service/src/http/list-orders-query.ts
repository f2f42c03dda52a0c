import { z } from 'zod';
import { decodeCursor, type FieldError, type ListCursor } from '@saga/service-kit';
import { orderLimits } from '../domain/order-limits.ts';
import { orderStatuses, type OrderStatus } from '../domain/order-status.ts';
import { fieldErrorsOf } from './field-errors.ts';

/** Page sizes of `GET /orders`. */
export const listLimits = { defaultLimit: 20, maxLimit: 100 } as const;

/** What `GET /orders` was asked for. */
export interface ListOrdersQuery {
  readonly status?: OrderStatus;
  readonly customerId?: string;
  readonly limit: number;
  readonly cursor?: ListCursor;
}

/** A query parameter's value arrives as an array when it is repeated: one value is expected. */
const once = (what: string) => (issue: { input?: unknown }) =>
  Array.isArray(issue.input) ? 'must be given once' : `must be ${what}`;

/** `GET /orders`'s query: every parameter optional, any other refused. */
export const listOrdersSchema = z.strictObject({
  status: z.enum(orderStatuses, { error: once(`one of ${orderStatuses.join(', ')}`) }).optional(),
  customerId: z
    .string({ error: once('a string') })
    .min(1, { error: 'must not be empty', abort: true })
    .max(orderLimits.maxIdLength, `must be at most ${orderLimits.maxIdLength} characters`)
    .optional(),
  limit: z
    .string({ error: once('a whole number') })
    .regex(/^\d{1,3}$/, { error: `must be a whole number from 1 to ${listLimits.maxLimit}`, abort: true })
    .transform(Number)
    .refine(
      (limit) => limit >= 1 && limit <= listLimits.maxLimit,
      `must be a whole number from 1 to ${listLimits.maxLimit}`,
    )
    .optional(),
  cursor: z
    .string({ error: once('a cursor') })
    .transform((text, ctx) => {
      const cursor = decodeCursor(text);
      if (cursor) return cursor;
      ctx.addIssue({ code: 'custom', message: 'is not a nextCursor this API returned' });
      return z.NEVER;
    })
    .optional(),
});

/**
 * Validates `GET /orders`'s query: what to list, or an error for each bad or unknown parameter, by name.
 * Unknown parameters are refused like unknown body fields: a misspelt filter must not list everything,
 * and an operator smuggled in the name (`?status[$ne]=x`, which Koa keeps as a parameter named
 * `status[$ne]`) is refused rather than reaching the store. Every accepted value is a string.
 */
export function parseListOrdersQuery(
  query: Readonly<Record<string, string | string[] | undefined>>,
): { ok: true; value: ListOrdersQuery } | { ok: false; errors: FieldError[] } {
  const result = listOrdersSchema.safeParse(query);
  if (!result.success) {
    return {
      ok: false,
      errors: fieldErrorsOf(result.error.issues, {
        root: '(query)',
        unknownField: 'is not a known query parameter',
      }),
    };
  }
  const { status, customerId, limit, cursor } = result.data;
  return {
    ok: true,
    value: {
      limit: limit ?? listLimits.defaultLimit,
      ...(status === undefined ? {} : { status }),
      ...(customerId === undefined ? {} : { customerId }),
      ...(cursor === undefined ? {} : { cursor }),
    },
  };
}
