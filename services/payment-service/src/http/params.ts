import { z } from 'zod';
import { parseBody } from '@saga/service-kit';

// Path parameters are checked like bodies, so a bad one is a 400 with the platform's error shape.

/** `:customerId`: any string of 1 to 200 characters. */
export const customerIdParams = z.strictObject({ customerId: z.string().min(1).max(200) });
/** `:orderId`: any string of 1 to 200 characters. */
export const orderIdParams = z.strictObject({ orderId: z.string().min(1).max(200) });

/** A customer id from the path: any string of 1 to 200 characters (the contracts fix no format). */
export function customerIdParam(value: string | undefined): string {
  return parseBody(customerIdParams, { customerId: value }).customerId;
}

/**
 * An order id from the path. Order ids are uuids, but anything else simply has no payment (404), so
 * only the length is checked.
 */
export function orderIdParam(value: string | undefined): string {
  return parseBody(orderIdParams, { orderId: value }).orderId;
}
