import type { OrderLine } from './order-line.ts';
import { OrderTotalOutOfRangeError } from './order-total-error.ts';

/**
 * What the customer pays: the sum of quantity × unit price over all lines, in minor units.
 * @throws {OrderTotalOutOfRangeError} when the sum (or a line) is past the exact integers.
 */
export function orderTotal(lines: readonly Pick<OrderLine, 'quantity' | 'unitPrice'>[]): number {
  let total = 0;
  for (const line of lines) {
    const lineTotal = line.quantity * line.unitPrice;
    if (!Number.isSafeInteger(lineTotal)) throw new OrderTotalOutOfRangeError(lineTotal);
    total += lineTotal;
    if (!Number.isSafeInteger(total)) throw new OrderTotalOutOfRangeError(total);
  }
  return total;
}
