import type { PaymentRecord } from '../../src/model/payment.ts';

export const orderId = '6f1c1b52-93a4-4b8e-8a53-3d0f4f6a2c11';
export const sagaId = 'c7d2e0a4-5b6f-4c1d-9e8a-7b6c5d4e3f21';
export const paymentId = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a';
export const refundId = '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901';
export const requestedAt = new Date('2024-05-06T07:08:09.123Z');
export const later = new Date('2024-05-06T07:08:10.000Z');

/** A payment as stored, PENDING unless `changes` say otherwise. */
export function paymentRecord(changes: Partial<PaymentRecord> = {}): PaymentRecord {
  return {
    _id: orderId,
    paymentId,
    sagaId,
    customerId: 'customer-42',
    amount: { amountMinor: 2999, currency: 'EUR' },
    status: 'PENDING',
    reason: null,
    detail: null,
    requestedAt,
    paidAt: null,
    failedAt: null,
    refund: null,
    processedMessageIds: [],
    outbox: [],
    createdAt: requestedAt,
    updatedAt: requestedAt,
    ...changes,
  };
}
