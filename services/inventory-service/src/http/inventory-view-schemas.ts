import { z } from 'zod';
import { InventoryFailureReasonSymbols } from '@saga/contracts';
import type { Conforms, Wire } from '@saga/service-kit';
import { reservationStatuses } from '../domain/reservation-status.ts';
import type { reservationView } from './reservation-view.ts';
import type { StockView } from './stock-view.ts';

/** A SKU's stock as the API answers it (stock-view.ts makes it). */
export const stockViewSchema = z
  .object({
    sku: z.string(),
    available: z.number().int(),
    reserved: z.number().int(),
    sold: z.number().int(),
    received: z.number().int().meta({ description: 'Net units put in: available + reserved + sold' }),
    price: z.number().int().nullable().meta({
      description: 'One unit in minor units of currency; null while the SKU has none (not for sale)',
    }),
    currency: z.string().nullable(),
  })
  .meta({ id: 'Stock' });

const time = z.iso.datetime().nullable();

/** An order's reservation as the API answers it (reservation-view.ts makes it). */
export const reservationViewSchema = z
  .object({
    orderId: z.string(),
    reservationId: z.string(),
    sagaId: z.string(),
    status: z.enum(reservationStatuses),
    lines: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
    failure: z
      .object({ reason: z.enum(InventoryFailureReasonSymbols), unavailableSkus: z.array(z.string()) })
      .nullable(),
    reservedAt: time,
    failedAt: time,
    committedAt: time,
    releasedAt: time,
  })
  .meta({ id: 'Reservation' });

/** Compile only while the schemas describe what the views make. */
export type StockViewDescribed = Conforms<Wire<StockView>, z.input<typeof stockViewSchema>>;
export type ReservationViewDescribed = Conforms<
  Wire<ReturnType<typeof reservationView>>,
  z.input<typeof reservationViewSchema>
>;
