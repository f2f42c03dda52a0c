import { expect } from 'chai';
import { parseBody, ValidationError } from '@saga/service-kit';
import { setStockBody } from '../../src/http/set-stock-body.ts';

const fieldErrors = (body: unknown) => {
  try {
    parseBody(setStockBody, body);
  } catch (error) {
    if (error instanceof ValidationError) return error.details.map((d) => d.path);
    throw error;
  }
  throw new Error('the body was accepted');
};
const messageOf = (body: unknown) => {
  try {
    parseBody(setStockBody, body);
  } catch (error) {
    if (error instanceof ValidationError) return error.details.map((d) => `${d.path}: ${d.message}`);
    throw error;
  }
  throw new Error('the body was accepted');
};
const priced = { price: 1250, currency: 'EUR' };

describe('PUT /stock/:sku body', () => {
  it('accepts a non-negative whole number of available units, zero included, with a price and its currency', () => {
    expect(parseBody(setStockBody, { available: 12, ...priced })).to.deep.equal({ available: 12, ...priced });
    expect(parseBody(setStockBody, { available: 0, price: 0, currency: 'JPY' })).to.deep.equal({
      available: 0,
      price: 0,
      currency: 'JPY',
    });
  });

  it('refuses negative, fractional, textual, missing or unsafe amounts', () => {
    for (const available of [-1, 1.5, '3', null, Number.MAX_SAFE_INTEGER + 1]) {
      expect(fieldErrors({ available, ...priced }), JSON.stringify(available)).to.deep.equal(['available']);
    }
    expect(fieldErrors(priced)).to.deep.equal(['available']);
  });

  it('refuses stock without a price, saying what the price is: a SKU without one cannot be sold', () => {
    expect(messageOf({ available: 3, currency: 'EUR' })).to.deep.equal([
      'price: must be the price of one unit as a whole number of minor units of currency, e.g. 1250',
    ]);
    expect(fieldErrors({ available: 3 })).to.deep.equal(['price', 'currency']);
  });

  it('refuses a price that is not a whole number of minor units from 0 to 10^9, such as a decimal string', () => {
    for (const price of [-1, 12.5, '12.50', null, 1_000_000_001]) {
      expect(fieldErrors({ available: 3, price, currency: 'EUR' }), JSON.stringify(price)).to.deep.equal([
        'price',
      ]);
    }
  });

  it('refuses a currency that is not an upper-case ISO 4217 code', () => {
    for (const currency of ['eur', 'EURO', 'XYZ', 978, undefined]) {
      expect(fieldErrors({ available: 3, price: 100, currency }), String(currency)).to.deep.equal([
        'currency',
      ]);
    }
  });

  it('refuses fields it does not take, such as reserved or sold, which only orders move', () => {
    expect(fieldErrors({ available: 3, ...priced, reserved: 2 })).to.deep.equal(['(body)']);
  });
});
