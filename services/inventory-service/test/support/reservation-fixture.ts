import type { ReservationDocument } from '../../src/model/reservation-model.ts';

export const orderId = '0b7f6a52-3c1e-4f7a-9d2b-6e5c4a3b2f10';
export const reservationId = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
export const sagaId = '9f8e7d6c-5b4a-4392-8a1b-0c9d8e7f6a5b';
export const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
export const reservedAt = new Date('2025-01-02T03:04:05.000Z');
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
/** The fixture's lines at their catalogue prices, as RESERVED recorded them. */
export const pricedLines = [
  { sku: 'SKU-A', quantity: 2, unitPrice: eur(1250) },
  { sku: 'SKU-B', quantity: 1, unitPrice: eur(499) },
];
export const total = eur(2999);

/** A stored reservation as the runtime reads it, with `fields` instead of the defaults. */
export function storedReservation(fields: Partial<ReservationDocument> = {}): ReservationDocument {
  return {
    _id: orderId,
    reservationId,
    sagaId,
    status: 'RESERVED',
    lines: [
      { sku: 'SKU-A', quantity: 2 },
      { sku: 'SKU-B', quantity: 1 },
    ],
    currency: 'EUR',
    pricedLines,
    total,
    failure: null,
    paymentId: null,
    releaseReason: null,
    traceparent,
    reservedAt,
    failedAt: null,
    committedAt: null,
    releasedAt: null,
    processedMessageIds: [],
    outbox: [],
    createdAt: reservedAt,
    updatedAt: reservedAt,
    ...fields,
  };
}
