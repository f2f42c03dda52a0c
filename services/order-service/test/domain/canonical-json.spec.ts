import { expect } from 'chai';
import { canonicalJson } from '../../src/domain/canonical-json.ts';

describe('canonicalJson', () => {
  it('sorts object keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).to.equal(
      '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text for the same content written in another key order', () => {
    expect(canonicalJson({ currency: 'EUR', customerId: 'c-1' })).to.equal(
      canonicalJson({ customerId: 'c-1', currency: 'EUR' }),
    );
  });

  it('keeps array order, which is meaning', () => {
    expect(canonicalJson([2, 1])).to.not.equal(canonicalJson([1, 2]));
  });

  it('writes scalars as JSON does', () => {
    expect(canonicalJson('x')).to.equal('"x"');
    expect(canonicalJson(12)).to.equal('12');
    expect(canonicalJson(null)).to.equal('null');
  });
});
