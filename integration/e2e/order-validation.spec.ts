import { expect } from 'chai';
import { outcomeOf } from '@saga/client';
import { api, unique } from './support/platform-client.ts';

describe('order API validation', () => {
  it('answers 400 listing every field error, and stores nothing', async () => {
    const customerId = unique('customer');
    // A price from the caller is refused too: prices are the shop's (the client's types refuse it already).
    const items = [{ sku: '', quantity: -1, unitPrice: 0 }] as unknown as { sku: string; quantity: number }[];
    const response = await outcomeOf(api.placeOrder({ customerId, currency: 'euro', items }));

    expect(response.status).to.equal(400);
    const details = (response.body as { error: { details: { path: string }[] } }).error.details;
    const paths = details.map((d) => d.path);
    expect(paths).to.include.members(['currency', 'items.0.sku', 'items.0.quantity', 'items.0.unitPrice']);

    const listed = await api.listOrders({ customerId });
    expect(listed.body.items).to.deep.equal([]);
  });
});
