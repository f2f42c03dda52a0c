import { expect } from 'chai';
import { parseIdempotencyKey } from '../../src/http/idempotency-key-header.ts';

describe('Idempotency-Key header', () => {
  it('is optional', () => {
    expect(parseIdempotencyKey(undefined)).to.deep.equal({ ok: true, value: undefined });
  });

  it('is taken as it is when valid', () => {
    expect(parseIdempotencyKey('order-2025-06-07T08:09:10Z#1')).to.deep.equal({
      ok: true,
      value: 'order-2025-06-07T08:09:10Z#1',
    });
    expect(parseIdempotencyKey('k'.repeat(255)).ok).to.equal(true);
  });

  const table: [string, string | string[], string][] = [
    ['empty', '', 'must not be empty when sent'],
    ['too long', 'k'.repeat(256), 'must be at most 255 characters'],
    ['with a space', 'my key', 'must be visible ASCII characters only, without spaces'],
    ['sent twice (joined by node)', 'a, b', 'must be visible ASCII characters only, without spaces'],
    ['non-ASCII', 'clé', 'must be visible ASCII characters only, without spaces'],
    ['an array', ['a', 'b'], 'must be sent once'],
  ];
  for (const [what, header, message] of table) {
    it(`is refused when ${what}, as an error on the header`, () => {
      expect(parseIdempotencyKey(header)).to.deep.equal({
        ok: false,
        errors: [{ path: 'Idempotency-Key', message }],
      });
    });
  }
});
