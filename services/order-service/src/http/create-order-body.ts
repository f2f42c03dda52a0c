import { z } from 'zod';
import { skuPattern, skuRule } from '@saga/contracts';
import type { FieldError } from '@saga/service-kit';
import { orderLimits } from '../domain/order-limits.ts';
import type { OrderRequest } from '../domain/order-request.ts';
import { fieldErrorsOf } from './field-errors.ts';
import { expected } from './expected.ts';

const { maxLines, maxQuantity, maxIdLength } = orderLimits;

/** ISO 4217 codes this runtime knows (from its ICU data), so a well-formed but made-up code is refused too. */
const knownCurrencies: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** No leading or trailing whitespace, no control characters: ids are compared and shown as they are. */
const TIDY = /^[^\s\p{Cc}](?:[^\p{Cc}]*[^\s\p{Cc}])?$/u;

// `abort: true` stops a field's checks at its first failure, so each field gets one error, the first that applies.
const identifier = z
  .string({ error: expected('a string') })
  .min(1, { error: 'must not be empty', abort: true })
  .max(maxIdLength, { error: `must be at most ${maxIdLength} characters`, abort: true })
  .regex(TIDY, 'must not start or end with whitespace or contain control characters');

const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: expected('a number') })
    // Not `.int()`: it calls 1e20 "not an integer" (it is past the safe range); the bounds below say what is wrong.
    .refine(Number.isInteger, { error: 'must be a whole number', abort: true })
    .min(min, { error: `must be at least ${min}`, abort: true })
    .max(max, `must be at most ${max}`);

/** The platform's one SKU rule (@saga/contracts), which inventory's stock routes use too. */
const sku = z.string({ error: expected('a string') }).regex(skuPattern, { error: skuRule });

/** What a caller who still sends a price is told: any value is refused, zero included. */
export const unitPriceRefused = 'prices are set by the shop; leave unitPrice out';

const orderLine = z.strictObject(
  {
    sku,
    quantity: wholeNumber(1, maxQuantity),
    // Named, rather than refused as an unknown field, so the caller learns why: a price from the body
    // would let anyone order at price 0. The saga prices each line from inventory's catalogue.
    unitPrice: z.never({ error: unitPriceRefused }).optional(),
  },
  { error: expected('an object with sku and quantity') },
);

/** The body of `POST /orders`. Unknown fields are refused, so a misspelt one cannot be silently ignored. */
export const createOrderBody = z.strictObject(
  {
    customerId: identifier,
    currency: z
      .string({ error: expected('a string') })
      .regex(/^[A-Z]{3}$/, {
        error: 'must be an ISO 4217 code of 3 uppercase letters, e.g. EUR',
        abort: true,
      })
      .refine((code) => knownCurrencies.has(code), 'is not an ISO 4217 currency code'),
    items: z
      .array(orderLine, { error: expected('an array of order lines') })
      .min(1, 'must hold at least one line')
      .max(maxLines, `must hold at most ${maxLines} lines`),
  },
  { error: expected('a JSON object') },
) satisfies z.ZodType<OrderRequest>;

/**
 * Validates a `POST /orders` body: the parsed request, or every field error at once (the shape
 * checks and the one-line-per-SKU rule alike), each with its dotted path.
 */
export function parseCreateOrderBody(
  body: unknown,
): { ok: true; value: OrderRequest } | { ok: false; errors: FieldError[] } {
  const result = createOrderBody.safeParse(body);
  const errors = [...(result.success ? [] : fieldErrorsOf(result.error.issues)), ...duplicateSkuErrors(body)];
  if (result.success && errors.length === 0) return { ok: true, value: result.data };
  return { ok: false, errors };
}

/**
 * One line per SKU: a repeated SKU is an error at each repeat, naming the first line. Checked on the
 * raw body, beside the schema, so it is reported even when other fields of the same lines are wrong.
 */
export function duplicateSkuErrors(body: unknown): FieldError[] {
  const items = (body as { items?: unknown } | null | undefined)?.items;
  if (!Array.isArray(items)) return [];
  const firstLine = new Map<string, number>();
  const errors: FieldError[] = [];
  items.forEach((line: unknown, index) => {
    const sku = (line as { sku?: unknown } | null | undefined)?.sku;
    if (typeof sku !== 'string') return;
    const first = firstLine.get(sku);
    if (first === undefined) firstLine.set(sku, index);
    else
      errors.push({
        path: `items.${index}.sku`,
        message: `repeats the SKU of items.${first}; use one line per SKU`,
      });
  });
  return errors;
}
