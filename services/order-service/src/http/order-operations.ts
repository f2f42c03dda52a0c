import { z } from 'zod';
import { isUuid } from '@saga/avro';
import { defineOperation } from '@saga/service-kit';
import { createOrderBody } from './create-order-body.ts';
import { createReturnBody } from './create-return-body.ts';
import { idempotencyKeyHeader } from './idempotency-key-header.ts';
import { listOrdersSchema } from './list-orders-query.ts';
import {
  orderPageSchema,
  orderViewSchema,
  placedOrderSchema,
  requestedReturnSchema,
} from './order-view-schema.ts';

/** `:orderId`: a UUID, in any case (RFC 9562 ignores it). */
export const orderIdParams = z.object({
  orderId: z.string().refine(isUuid, { error: 'must be a UUID' }).meta({ format: 'uuid' }),
});

/** `POST /orders`. */
export const placeOrder = defineOperation({
  operationId: 'placeOrder',
  method: 'post',
  path: '/orders',
  summary: 'Place an order; the saga confirms or cancels it asynchronously',
  description:
    'A customer orders for themselves only (customerId must be theirs); admin for anyone. With an Idempotency-Key, a retry answers the order it placed (Idempotent-Replayed: true) instead of placing another.',
  access: ['customer', 'admin'],
  headers: z.object({ 'idempotency-key': idempotencyKeyHeader.optional() }),
  body: createOrderBody,
  responses: {
    202: {
      description:
        'Accepted: PENDING until the saga settles it; a replayed request answers the order as it is now',
      body: z.union([placedOrderSchema, orderViewSchema]),
      headers: {
        Location: 'Where to follow the order: /orders/{orderId}',
        'Idempotent-Replayed':
          'true when the answer is that of an earlier request with the same Idempotency-Key',
      },
    },
  },
  errors: {
    400: 'VALIDATION_FAILED: every field error of the body and the Idempotency-Key header; MALFORMED_JSON',
    403: "The body names another customer than the caller's",
    409: 'IDEMPOTENCY_KEY_REUSED: the key placed an order with a different body',
    413: 'The body is larger than 64 kB',
    415: 'The body is not application/json',
  },
});

/** `GET /orders`. */
export const listOrders = defineOperation({
  operationId: 'listOrders',
  method: 'get',
  path: '/orders',
  summary: 'List orders newest first, a page at a time',
  description: "A customer's list holds their own orders only; admin and ops see everyone's.",
  access: ['customer', 'admin', 'ops'],
  query: listOrdersSchema,
  responses: { 200: { description: 'A page of orders', body: orderPageSchema } },
  errors: {
    400: 'A bad or unknown query parameter, by name',
    403: "A customer asked for another customer's orders",
  },
});

/** `GET /orders/:orderId`. */
export const getOrder = defineOperation({
  operationId: 'getOrder',
  method: 'get',
  path: '/orders/:orderId',
  summary: 'An order as it is now',
  access: ['customer', 'admin', 'ops'],
  params: orderIdParams,
  responses: { 200: { description: 'The order', body: orderViewSchema } },
  errors: {
    400: 'The id is not a UUID',
    404: "ORDER_NOT_FOUND: no such order (or, to a customer, another customer's)",
  },
});

/** `POST /orders/:orderId/returns`. */
export const requestReturn = defineOperation({
  operationId: 'requestReturn',
  method: 'post',
  path: '/orders/:orderId/returns',
  summary: "Return some of an order's lines; the return saga restocks, refunds and records it asynchronously",
  description:
    "The order's customer or admin. The return is REQUESTED at once; GET /orders/{orderId} shows how it ends: COMPLETED with `refunded`, or REJECTED (the order is not CONFIRMED, or the lines exceed what was bought, counting earlier returns). With an Idempotency-Key, a retry answers the same return (Idempotent-Replayed: true).",
  access: ['customer', 'admin'],
  params: orderIdParams,
  headers: z.object({ 'idempotency-key': idempotencyKeyHeader.optional() }),
  body: createReturnBody,
  responses: {
    202: {
      description:
        'Accepted: REQUESTED until the return saga settles it; a replayed request answers its status now',
      body: requestedReturnSchema,
      headers: {
        Location: 'Where to follow the return: /orders/{orderId}',
        'Idempotent-Replayed':
          'true when the answer is that of an earlier request with the same Idempotency-Key',
      },
    },
  },
  errors: {
    400: 'VALIDATION_FAILED: the id, every field error of the body and the Idempotency-Key header; MALFORMED_JSON',
    404: "ORDER_NOT_FOUND: no such order (or, to a customer, another customer's)",
    409: 'The key asked for a return of other lines',
    413: 'The body is larger than 64 kB',
    415: 'The body is not application/json',
  },
});

/** The order service's operations, in the order its routes mount. */
export const orderOperations = [placeOrder, listOrders, getOrder, requestReturn] as const;
