import { expect } from 'chai';
import { noArrayElementWith } from '../src/index.ts';

describe('noArrayElementWith', () => {
  it('is a $nor of one equality per field, so that each reads "no element has this value"', () => {
    expect(noArrayElementWith({ 'charges.orderId': 'o-1', 'refunds.orderId': 'o-1' })).to.deep.equal({
      $nor: [{ 'charges.orderId': 'o-1' }, { 'refunds.orderId': 'o-1' }],
    });
  });

  it('refuses no fields, and a field that is not a path into an array of documents', () => {
    expect(() => noArrayElementWith({})).to.throw(TypeError, 'at least one field');
    expect(() => noArrayElementWith({ orderId: 'o-1' })).to.throw(TypeError, '"orderId" is not a path');
    expect(() => noArrayElementWith({ $where: 'x' })).to.throw(TypeError, 'is not a path');
  });
});
