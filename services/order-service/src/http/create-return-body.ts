import { z } from 'zod';
import { skuPattern, skuRule } from '@saga/contracts';
import type { FieldError } from '@saga/service-kit';
import type { OrderLine } from '../domain/order-line.ts';
import { orderLimits } from '../domain/order-limits.ts';
import { duplicateSkuErrors } from './create-order-body.ts';
import { expected } from './expected.ts';
import { fieldErrorsOf } from './field-errors.ts';

const { maxLines, maxQuantity } = orderLimits;

const returnLine = z.strictObject(
  {
    sku: z.string({ error: expected('a string') }).regex(skuPattern, { error: skuRule }),
    quantity: z
      .number({ error: expected('a number') })
      .refine(Number.isInteger, { error: 'must be a whole number', abort: true })
      .min(1, { error: 'must be at least 1', abort: true })
      .max(maxQuantity, `must be at most ${maxQuantity}`),
  },
  { error: expected('an object with sku and quantity') },
);

/**
 * The body of `POST /orders/:orderId/returns`: the lines to send back, one per SKU. Whether they fit
 * the order (bought, not returned before) is the return saga's to decide, not the body's.
 */
export const createReturnBody = z.strictObject(
  {
    items: z
      .array(returnLine, { error: expected('an array of return lines') })
      .min(1, 'must hold at least one line')
      .max(maxLines, `must hold at most ${maxLines} lines`),
  },
  { error: expected('a JSON object') },
);

/** Validates a return's body: the lines, or every field error at once, each with its dotted path. */
export function parseCreateReturnBody(
  body: unknown,
): { ok: true; value: { items: OrderLine[] } } | { ok: false; errors: FieldError[] } {
  const result = createReturnBody.safeParse(body);
  const errors = [...(result.success ? [] : fieldErrorsOf(result.error.issues)), ...duplicateSkuErrors(body)];
  if (result.success && errors.length === 0) return { ok: true, value: result.data };
  return { ok: false, errors };
}
