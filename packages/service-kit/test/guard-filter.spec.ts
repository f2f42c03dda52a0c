import { expect } from 'chai';
import { guardFilter } from '../src/aggregate/guard-filter.ts';

describe('guardFilter', () => {
  it('sends a guard without paths into arrays as it is', () => {
    expect(guardFilter({ status: 'OPEN', version: 3 })).to.deep.equal({ status: 'OPEN', version: 3 });
    expect(guardFilter()).to.deep.equal({});
  });

  it('moves an equality on a dotted path into $and, which FerretDB on PostgreSQL does not push into SQL', () => {
    expect(guardFilter({ reserved: 3, 'holds.orderId': 'o-1' })).to.deep.equal({
      reserved: 3,
      $and: [{ 'holds.orderId': 'o-1' }],
    });
  });

  it('moves an equality spelt { $eq } the same way', () => {
    expect(guardFilter({ 'holds.orderId': { $eq: 'o-1' } })).to.deep.equal({
      $and: [{ 'holds.orderId': { $eq: 'o-1' } }],
    });
  });

  it('leaves operators, $nor guards and operator objects on dotted paths where they are', () => {
    const nor = { $nor: [{ 'holds.orderId': 'o-1' }] };
    expect(guardFilter({ ...nor, 'refund.refundedAt': { $ne: null } })).to.deep.equal({
      ...nor,
      'refund.refundedAt': { $ne: null },
    });
  });

  it('adds to an $and the guard has already', () => {
    expect(guardFilter({ $and: [{ a: 1 }], 'charges.orderId': 'o-1' })).to.deep.equal({
      $and: [{ a: 1 }, { 'charges.orderId': 'o-1' }],
    });
  });
});
