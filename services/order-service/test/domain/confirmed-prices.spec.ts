import { expect } from 'chai';
import { confirmedPrices } from '../../src/domain/confirmed-prices.ts';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

describe('confirmedPrices', () => {
  it('records the lines at the shop’s prices and the total charged, in minor units of the order’s currency', () => {
    expect(
      confirmedPrices({
        pricedLines: [
          { sku: 'SKU-1', quantity: 2, unitPrice: eur(1250) },
          { sku: 'SKU-2', quantity: 1, unitPrice: eur(499) },
        ],
        total: eur(2999),
      }),
    ).to.deep.equal({
      pricedLines: [
        { sku: 'SKU-1', quantity: 2, unitPrice: 1250 },
        { sku: 'SKU-2', quantity: 1, unitPrice: 499 },
      ],
      total: 2999,
    });
  });

  it('records nothing from an order.confirm without a total (an orchestrator before prices), so the order keeps what it had', () => {
    expect(confirmedPrices({ pricedLines: [], total: null })).to.deep.equal({});
  });
});
