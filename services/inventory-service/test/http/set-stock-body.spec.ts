import { expect } from 'chai';
import { parseBody, ValidationError } from '@saga/service-kit';
import { setStockBody } from '../../src/http/stock-routes.ts';

const fieldErrors = (body: unknown) => {
  try {
    parseBody(setStockBody, body);
  } catch (error) {
    if (error instanceof ValidationError) return error.details.map((d) => d.path);
    throw error;
  }
  throw new Error('the body was accepted');
};

describe('PUT /stock/:sku body', () => {
  it('accepts a non-negative whole number of available units, zero included', () => {
    expect(parseBody(setStockBody, { available: 12 })).to.deep.equal({ available: 12 });
    expect(parseBody(setStockBody, { available: 0 })).to.deep.equal({ available: 0 });
  });

  it('refuses negative, fractional, textual, missing or unsafe amounts', () => {
    for (const available of [-1, 1.5, '3', null, Number.MAX_SAFE_INTEGER + 1]) {
      expect(fieldErrors({ available }), JSON.stringify(available)).to.deep.equal(['available']);
    }
    expect(fieldErrors({})).to.deep.equal(['available']);
  });

  it('refuses fields it does not take, such as reserved or sold, which only orders move', () => {
    expect(fieldErrors({ available: 3, reserved: 2 })).to.deep.equal(['(body)']);
  });
});
