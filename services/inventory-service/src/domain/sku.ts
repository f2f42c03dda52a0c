import { z } from 'zod';

/**
 * What a SKU looks like: 1 to 64 letters, digits, `.`, `_` or `-`, starting with a letter or digit
 * (`SKU-1`, `tshirt.red.L`). Narrow on purpose: a SKU travels in URLs, logs and Kafka messages, and is
 * the `_id` of its stock document.
 */
export const skuPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const skuSchema = z.string().regex(skuPattern, {
  error: 'must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit',
});

export function isSku(value: string): boolean {
  return skuPattern.test(value);
}
