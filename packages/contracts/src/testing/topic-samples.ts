import type { TopicMessageMap, TopicName } from '../generated/index.ts';

const orderId = '6f1c1b52-93a4-4b8e-8a53-3d0f4f6a2c11';
const sagaId = 'c7d2e0a4-5b6f-4c1d-9e8a-7b6c5d4e3f21';
const reservationId = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const paymentId = '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a';
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
// Unpriced, as the order service sends them since prices belong to the shop (OrderLine.unitPrice is zero).
const lines = [
  { sku: 'SKU-1', quantity: 2, unitPrice: eur(0) },
  { sku: 'SKU-2', quantity: 1, unitPrice: eur(0) },
];
const pricedLines = [
  { sku: 'SKU-1', quantity: 2, unitPrice: eur(1250) },
  { sku: 'SKU-2', quantity: 1, unitPrice: eur(499) },
];
const at = new Date('2024-05-06T07:08:09.123Z');
const returnId = '3c4d5e6f-7081-4293-a4b5-c6d7e8f90a1b';
const returnLines = [{ sku: 'SKU-1', quantity: 1 }];
const refundId = '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901';

/**
 * A valid message for every topic, typed by `TopicMessageMap`: the mapped type makes a missing
 * topic a compile error, and the round-trip test encodes and decodes each with its schema.
 */
export const topicSamples: { [T in TopicName]: TopicMessageMap[T] } = {
  'order.created': {
    orderId,
    customerId: 'customer-42',
    currency: 'EUR',
    items: lines,
    total: eur(0),
    note: null,
    createdAt: at,
  },
  'order.cancel': { orderId, sagaId, reason: 'OUT_OF_STOCK', detail: 'SKU-2 sold out', cancelledAt: at },
  'order.cancelled': { orderId, sagaId, acknowledgedCancelAt: at },
  'order.confirm': {
    orderId,
    sagaId,
    reservationId,
    paymentId,
    pricedLines,
    total: eur(2999),
    confirmedAt: at,
  },
  'order.confirmed': { orderId, sagaId, acknowledgedConfirmAt: at },
  'inventory.reserve': { orderId, sagaId, items: lines, currency: 'EUR', requestedAt: at },
  'inventory.reserved': {
    orderId,
    sagaId,
    reservationId,
    pricedLines,
    total: eur(2999),
    expiresAt: new Date(at.getTime() + 60_000),
    reservedAt: at,
  },
  'inventory.failed': { orderId, sagaId, reason: 'OUT_OF_STOCK', unavailableSkus: ['SKU-2'], failedAt: at },
  'inventory.commit': { orderId, sagaId, reservationId, paymentId, requestedAt: at },
  'inventory.completed': { orderId, sagaId, reservationId, committedAt: at },
  'inventory.release': { orderId, sagaId, reservationId, reason: 'INSUFFICIENT_FUNDS', requestedAt: at },
  'inventory.released': { orderId, sagaId, reservationId, releasedAt: at },
  'payment.request': { orderId, sagaId, customerId: 'customer-42', amount: eur(2999), requestedAt: at },
  'payment.success': { orderId, sagaId, paymentId, amount: eur(2999), paidAt: at },
  'payment.failed': { orderId, sagaId, reason: 'INSUFFICIENT_FUNDS', detail: null, failedAt: at },
  'payment.refund': { orderId, sagaId, paymentId, amount: eur(2999), requestedAt: at },
  'payment.refunded': {
    orderId,
    sagaId,
    paymentId,
    refundId: '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901',
    amount: eur(2999),
    refundedAt: at,
  },
  'order.return-requested': {
    orderId,
    returnId,
    customerId: 'customer-42',
    items: returnLines,
    requestedAt: at,
  },
  'order.approve-return': { orderId, sagaId, returnId, approvalRequestedAt: at },
  'order.return-approved': {
    orderId,
    sagaId,
    returnId,
    pricedLines: [{ sku: 'SKU-1', quantity: 1, unitPrice: eur(1250) }],
    refund: eur(1250),
    approvedAt: at,
  },
  'order.return-rejected': {
    orderId,
    sagaId,
    returnId,
    reason: 'MORE_THAN_BOUGHT',
    detail: 'SKU-1: 3 returned, 2 bought',
    rejectedAt: at,
  },
  'order.complete-return': { orderId, sagaId, returnId, refunded: eur(1250), refundId, completedAt: at },
  'order.return-completed': { orderId, sagaId, returnId, acknowledgedCompleteReturnAt: at },
  'order.cancel-return': {
    orderId,
    sagaId,
    returnId,
    reason: 'RESTOCK_FAILED',
    detail: null,
    cancelledAt: at,
  },
  'order.return-cancelled': { orderId, sagaId, returnId, acknowledgedCancelReturnAt: at },
  'inventory.restock': { orderId, sagaId, returnId, items: returnLines, requestedAt: at },
  'inventory.restocked': { orderId, sagaId, returnId, restockedAt: at },
  'inventory.restock-failed': {
    orderId,
    sagaId,
    returnId,
    reason: 'SKU_NOT_FOUND',
    unknownSkus: ['SKU-9'],
    failedAt: at,
  },
  'payment.refund-return': {
    orderId,
    sagaId,
    returnId,
    amount: eur(1250),
    requestedAt: at,
  },
  'payment.return-refunded': { orderId, sagaId, returnId, refundId, amount: eur(1250), refundedAt: at },
};
