import { expect } from 'chai';
import { orderView, type OrderViewSource } from '../../src/http/order-view.ts';

const stored: OrderViewSource = {
  _id: '9a2afb0f-10a2-5c5d-b79f-8f33eb15c3b9',
  customerId: 'customer-42',
  status: 'PENDING',
  cancelReason: null,
  items: [{ sku: 'SKU-1', quantity: 2 }],
  pricedLines: [],
  total: null,
  currency: 'EUR',
  createdAt: new Date('2025-06-07T08:09:10.111Z'),
  updatedAt: new Date('2025-06-07T08:09:11.222Z'),
};

describe('orderView', () => {
  it('shows a placed order with its id as orderId, not priced yet, and times in ISO 8601', () => {
    expect(orderView(stored)).to.deep.equal({
      orderId: '9a2afb0f-10a2-5c5d-b79f-8f33eb15c3b9',
      customerId: 'customer-42',
      status: 'PENDING',
      items: [{ sku: 'SKU-1', quantity: 2 }],
      pricedLines: [],
      total: null,
      currency: 'EUR',
      createdAt: '2025-06-07T08:09:10.111Z',
      updatedAt: '2025-06-07T08:09:11.222Z',
      returns: [],
    });
  });

  it('shows the order’s returns: status, lines, what was refunded, and why one was rejected', () => {
    const at = new Date('2025-06-08T00:00:00.000Z');
    const ret = {
      returnId: 'a1b2c3d4-0000-4000-8000-000000000001',
      items: [{ sku: 'SKU-1', quantity: 1 }],
      pricedLines: [{ sku: 'SKU-1', quantity: 1, unitPrice: 1250 }],
      rejectDetail: null,
      sagaId: null,
      idempotencyKey: null,
      requestedAt: at,
      updatedAt: at,
    };
    const view = orderView({
      ...stored,
      status: 'CONFIRMED',
      returns: [
        { ...ret, status: 'COMPLETED', refunded: 1250, rejectReason: null },
        {
          ...ret,
          returnId: 'a1b2c3d4-0000-4000-8000-000000000002',
          status: 'REJECTED',
          refunded: null,
          rejectReason: 'MORE_THAN_BOUGHT',
        },
      ],
    });
    expect(view.returns).to.deep.equal([
      {
        returnId: ret.returnId,
        status: 'COMPLETED',
        items: ret.items,
        refunded: 1250,
        requestedAt: at.toISOString(),
        updatedAt: at.toISOString(),
      },
      {
        returnId: 'a1b2c3d4-0000-4000-8000-000000000002',
        status: 'REJECTED',
        items: ret.items,
        refunded: null,
        rejectReason: 'MORE_THAN_BOUGHT',
        requestedAt: at.toISOString(),
        updatedAt: at.toISOString(),
      },
    ]);
  });

  it('shows a confirmed order with its lines at the shop’s prices and the total charged, in minor units', () => {
    const pricedLines = [{ sku: 'SKU-1', quantity: 2, unitPrice: 1250 }];
    const view = orderView({ ...stored, status: 'CONFIRMED', pricedLines, total: 2500 });
    expect(view).to.deep.include({ items: [{ sku: 'SKU-1', quantity: 2 }], pricedLines, total: 2500 });
  });

  it('shows an order placed before prices belonged to the shop without priced lines, and without the price its caller sent', () => {
    // As stored before prices: no pricedLines field, and the caller's unitPrice on the lines.
    const old = Object.fromEntries(Object.entries(stored).filter(([key]) => key !== 'pricedLines'));
    const view = orderView({
      ...(old as OrderViewSource),
      items: [{ sku: 'SKU-1', quantity: 2, unitPrice: 1250 } as never],
      total: 2500,
    });
    expect(view).to.deep.include({ items: [{ sku: 'SKU-1', quantity: 2 }], pricedLines: [], total: 2500 });
  });

  it('shows the cancel reason of a cancelled order', () => {
    const view = orderView({ ...stored, status: 'CANCELLED', cancelReason: 'OUT_OF_STOCK' });
    expect(view.status).to.equal('CANCELLED');
    expect(view.cancelReason).to.equal('OUT_OF_STOCK');
  });

  it('has no cancelReason field at all while the order is not cancelled', () => {
    expect(orderView(stored)).to.not.have.property('cancelReason');
  });
});
