/**
 * What a SKU looks like: 1 to 64 letters, digits, `.`, `_` or `-`, starting with a letter or digit
 * (`SKU-1`, `tshirt.red.L`). Narrow on purpose: a SKU travels in URLs, logs and Kafka messages, and is
 * the `_id` of its stock document. One rule for every service: the order API refuses what inventory
 * could never stock, instead of accepting it and cancelling the order later (SKU_NOT_FOUND).
 */
export const skuPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** What a SKU that breaks the rule is told. */
export const skuRule = 'must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit';

export function isSku(value: string): boolean {
  return skuPattern.test(value);
}
