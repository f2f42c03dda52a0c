import { expect } from 'chai';
import { api, unique } from './support/platform-client.ts';

describe('order API validation', () => {
  it('answers 400 listing every field error, and stores nothing', async () => {
    const customerId = unique('customer');
    const response = await api.placeOrder({
      customerId,
      currency: 'euro',
      // A price from the caller is refused too: prices are the shop's.
      items: [{ sku: '', quantity: -1, unitPrice: 0 }],
    });

    expect(response.status).to.equal(400);
    const details = (response.body as unknown as { error: { details: { path: string }[] } }).error.details;
    const paths = details.map((d) => d.path);
    expect(paths).to.include.members(['currency', 'items.0.sku', 'items.0.quantity', 'items.0.unitPrice']);

    const listed = await api.listOrders({ customerId });
    expect(listed.body.items).to.deep.equal([]);
  });
});
