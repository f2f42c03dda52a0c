import { z } from 'zod';
import { CancelReasonSymbols, ReturnRejectReasonSymbols } from '@saga/contracts';
import type { Conforms, Wire } from '@saga/service-kit';
import { orderStatuses } from '../domain/order-status.ts';
import { returnStatuses } from '../returns/order-return.ts';
import type { OrderView } from './order-view.ts';

const line = z.object({ sku: z.string(), quantity: z.number().int() });

/** A return of some of the order's lines, as the order view shows it (order-view.ts's ReturnView). */
export const returnViewSchema = z
  .object({
    returnId: z.uuid(),
    status: z
      .enum(returnStatuses)
      .meta({ description: 'REQUESTED, APPROVED (restocking and refunding), then COMPLETED or REJECTED' }),
    items: z.array(line).meta({ description: 'The lines sent back' }),
    refunded: z.number().int().nullable().meta({
      description:
        'What the customer got back, in minor units, once COMPLETED; null before and when rejected',
    }),
    rejectReason: z
      .enum(ReturnRejectReasonSymbols)
      .optional()
      .meta({ description: 'Only on a REJECTED return' }),
    requestedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Return' });

/** The answer to a requested return (a retry with the same Idempotency-Key answers its status now). */
export const requestedReturnSchema = z
  .object({ returnId: z.uuid(), status: z.enum(returnStatuses) })
  .meta({ id: 'RequestedReturn' });

/** An order as the API answers it (order-view.ts makes it); amounts are integers in minor units of `currency`. */
export const orderViewSchema = z
  .object({
    orderId: z.uuid(),
    customerId: z.string(),
    status: z.enum(orderStatuses),
    cancelReason: z.enum(CancelReasonSymbols).optional().meta({ description: 'Only on a CANCELLED order' }),
    items: z.array(line).meta({ description: 'What was ordered' }),
    pricedLines: z
      .array(line.extend({ unitPrice: z.number().int() }))
      .meta({ description: "The lines at the shop's catalogue prices, once CONFIRMED; empty before" }),
    total: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'What the customer was charged, once CONFIRMED; null before' }),
    currency: z.string(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    attention: z
      .object({ reason: z.string(), detail: z.string(), at: z.iso.datetime() })
      .optional()
      .meta({ description: 'Only on an order the PENDING-order sweep gave up on: a person must look' }),
    returns: z
      .array(returnViewSchema)
      .meta({ description: "The customer's returns of the order's lines, oldest first" }),
  })
  .meta({ id: 'Order' });

/** The answer to a placed order (a retry with the same Idempotency-Key answers the order itself). */
export const placedOrderSchema = z
  .object({ orderId: z.uuid(), status: z.literal('PENDING') })
  .meta({ id: 'PlacedOrder' });

/** A page of `GET /orders`. */
export const orderPageSchema = z
  .object({
    items: z.array(orderViewSchema),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass it back as `cursor` for the next page; null on the last' }),
  })
  .meta({ id: 'OrderPage' });

/** Compiles only while the schema describes what orderView makes. */
export type OrderViewDescribed = Conforms<Wire<OrderView>, z.input<typeof orderViewSchema>>;
