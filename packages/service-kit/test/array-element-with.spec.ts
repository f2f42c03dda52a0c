import { expect } from 'chai';
import { arrayElementWith } from '../src/index.ts';

describe('arrayElementWith', () => {
  it('is an $and of one equality per field, which FerretDB on PostgreSQL never pushes down into SQL', () => {
    expect(arrayElementWith({ 'holds.orderId': 'o-1', 'holds.quantity': 2 })).to.deep.equal({
      $and: [{ 'holds.orderId': 'o-1' }, { 'holds.quantity': 2 }],
    });
  });

  it('refuses no fields, and a field that is not a path into an array of documents', () => {
    expect(() => arrayElementWith({})).to.throw(TypeError, 'at least one field');
    expect(() => arrayElementWith({ orderId: 'o-1' })).to.throw(TypeError, '"orderId" is not a path');
    expect(() => arrayElementWith({ $where: 'x' })).to.throw(TypeError, 'is not a path');
  });
});
