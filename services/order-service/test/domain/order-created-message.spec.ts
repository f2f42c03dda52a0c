import { expect } from 'chai';
import { orderCreatedMessage } from '../../src/domain/order-created-message.ts';

describe('orderCreatedMessage', () => {
  it('announces the order unpriced: its unit prices and total are the deprecated zeros, as Money in its currency', () => {
    const createdAt = new Date('2025-01-02T03:04:05.678Z');
    expect(
      orderCreatedMessage({
        orderId: '6f1c1b52-93a4-4b8e-8a53-3d0f4f6a2c11',
        customerId: 'customer-42',
        currency: 'EUR',
        items: [
          { sku: 'SKU-1', quantity: 2 },
          { sku: 'SKU-2', quantity: 1 },
        ],
        createdAt,
      }),
    ).to.deep.equal({
      orderId: '6f1c1b52-93a4-4b8e-8a53-3d0f4f6a2c11',
      customerId: 'customer-42',
      currency: 'EUR',
      items: [
        { sku: 'SKU-1', quantity: 2, unitPrice: { amountMinor: 0, currency: 'EUR' } },
        { sku: 'SKU-2', quantity: 1, unitPrice: { amountMinor: 0, currency: 'EUR' } },
      ],
      total: { amountMinor: 0, currency: 'EUR' },
      note: null,
      createdAt,
    });
  });
});
