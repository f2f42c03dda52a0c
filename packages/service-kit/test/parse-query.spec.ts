import { expect } from 'chai';
import { z } from 'zod';
import { parseQuery, ValidationError } from '../src/index.ts';

describe('parseQuery', () => {
  const schema = z.object({ orderId: z.uuid({ error: 'must be a uuid' }), limit: z.string().optional() });
  const orderId = '0b6b1a36-3c1e-4c55-9f0e-7d4f1b2a9c10';

  const errorsOf = (query: Record<string, string | string[]>) => {
    try {
      parseQuery(schema, query);
    } catch (error) {
      expect(error).to.be.instanceOf(ValidationError);
      return (error as ValidationError).details.map((d) => `${d.path}: ${d.message}`);
    }
    throw new Error('expected a ValidationError');
  };

  it('returns the parsed parameters', () => {
    expect(parseQuery(schema, { orderId, limit: '5' })).to.deep.equal({ orderId, limit: '5' });
  });

  it('refuses operator-shaped parameter names, as Koa keeps them, by name', () => {
    expect(errorsOf({ orderId, 'limit[$gt]': '' })).to.deep.equal([
      'limit[$gt]: is not a known query parameter',
    ]);
    expect(errorsOf({ 'orderId[$ne]': 'x' })).to.deep.equal([
      'orderId[$ne]: is not a known query parameter',
      'orderId: must be a uuid',
    ]);
  });

  it('refuses a parameter given twice', () => {
    expect(errorsOf({ orderId: [orderId, orderId] })).to.deep.equal(['orderId: must be given once']);
  });
});
