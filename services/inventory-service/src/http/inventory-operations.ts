import { z } from 'zod';
import { defineOperation } from '@saga/service-kit';
import { skuSchema } from '../domain/sku.ts';
import { reservationViewSchema, stockViewSchema } from './inventory-view-schemas.ts';
import { setStockBody } from './set-stock-body.ts';

/** `:sku`, by the platform's one SKU rule. */
export const skuParams = z.object({ sku: skuSchema });

/** `:orderId` of a reservation: a UUID. */
export const reservationParams = z.object({ orderId: z.uuid() });

/** `PUT /stock/:sku`. */
export const setStock = defineOperation({
  operationId: 'setStock',
  method: 'put',
  path: '/stock/:sku',
  summary: "Set a SKU's free stock and catalogue price (creating the SKU)",
  description: 'Reserved and sold units move only with orders.',
  access: ['admin'],
  params: skuParams,
  body: setStockBody,
  responses: { 200: { description: 'The stock as it is now', body: stockViewSchema } },
  errors: {
    400: 'VALIDATION_FAILED: a malformed SKU or body (a missing price included)',
    409: 'Another process kept changing the SKU; try again',
  },
});

/** `GET /stock/:sku`. */
export const getStock = defineOperation({
  operationId: 'getStock',
  method: 'get',
  path: '/stock/:sku',
  summary: "A SKU's stock and catalogue price",
  access: ['customer', 'admin', 'ops'],
  params: skuParams,
  responses: { 200: { description: 'The stock', body: stockViewSchema } },
  errors: { 400: 'A malformed SKU', 404: 'No stock is known for the SKU' },
});

/** `GET /reservations/:orderId`. */
export const getReservation = defineOperation({
  operationId: 'getReservation',
  method: 'get',
  path: '/reservations/:orderId',
  summary: "An order's reservation: status, lines, failure, times",
  access: ['admin', 'ops'],
  params: reservationParams,
  responses: { 200: { description: 'The reservation', body: reservationViewSchema } },
  errors: { 400: 'The id is not a UUID', 404: 'The order has no reservation' },
});

/** The inventory service's operations. */
export const inventoryOperations = [setStock, getStock, getReservation] as const;
