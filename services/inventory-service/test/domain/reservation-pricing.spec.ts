import { expect } from 'chai';
import { priceReservation } from '../../src/domain/reservation-pricing.ts';

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const lines = [
  { sku: 'SKU-1', quantity: 2 },
  { sku: 'SKU-2', quantity: 3 },
];

describe('priceReservation', () => {
  it('prices every line at the catalogue price its hold was taken under, in line order, and sums quantity × unit price', () => {
    expect(
      priceReservation(lines, [
        { sku: 'SKU-2', unitPrice: eur(499) },
        { sku: 'SKU-1', unitPrice: eur(1250) },
      ]),
    ).to.deep.equal({
      ok: true,
      pricing: {
        pricedLines: [
          { sku: 'SKU-1', quantity: 2, unitPrice: eur(1250) },
          { sku: 'SKU-2', quantity: 3, unitPrice: eur(499) },
        ],
        total: eur(2 * 1250 + 3 * 499),
      },
    });
  });

  it('prices a free line at zero', () => {
    expect(
      priceReservation([{ sku: 'SKU-1', quantity: 4 }], [{ sku: 'SKU-1', unitPrice: eur(0) }]),
    ).to.deep.include({
      ok: true,
    });
  });

  it('refuses with PRICE_NOT_SET, naming them, lines that have no price', () => {
    expect(
      priceReservation(lines, [
        { sku: 'SKU-1', unitPrice: eur(1250) },
        { sku: 'SKU-2', unitPrice: null },
      ]),
    ).to.deep.equal({ ok: false, failure: { reason: 'PRICE_NOT_SET', unavailableSkus: ['SKU-2'] } });
    expect(priceReservation([], [])).to.deep.include({ ok: false });
  });

  it('refuses with CURRENCY_MISMATCH, naming them, lines in another currency than the first line', () => {
    expect(
      priceReservation(lines, [
        { sku: 'SKU-1', unitPrice: eur(1250) },
        { sku: 'SKU-2', unitPrice: { amountMinor: 499, currency: 'USD' } },
      ]),
    ).to.deep.equal({ ok: false, failure: { reason: 'CURRENCY_MISMATCH', unavailableSkus: ['SKU-2'] } });
  });

  it('refuses a total past the exact integers rather than charge a rounded one', () => {
    expect(
      priceReservation([{ sku: 'SKU-1', quantity: 2 ** 40 }], [{ sku: 'SKU-1', unitPrice: eur(2 ** 20) }]),
    ).to.deep.equal({ ok: false, failure: { reason: 'UNKNOWN', unavailableSkus: [] } });
  });
});
