import { expect } from 'chai';
import { z } from 'zod';
import { parseBody, ValidationError } from '../src/index.ts';

describe('parseBody', () => {
  const order = z.object({
    customerId: z.string().min(1),
    items: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
    note: z.string().nullable().default(null),
  });

  it('returns the parsed value, defaults applied', () => {
    const body = { customerId: 'c-1', items: [{ sku: 'SKU-1', quantity: 2 }] };
    expect(parseBody(order, body)).to.deep.equal({ ...body, note: null });
  });

  it('lists every field error, each with its dotted path, not just the first', () => {
    let error: unknown;
    try {
      parseBody(order, { customerId: '', items: [{ sku: 'SKU-1', quantity: 0 }, { quantity: 1.5 }] });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ValidationError);
    const validation = error as ValidationError;
    expect(validation.status).to.equal(400);
    expect(validation.code).to.equal('VALIDATION_FAILED');
    expect(validation.details.map((d) => d.path)).to.deep.equal([
      'customerId',
      'items.0.quantity',
      'items.1.sku',
      'items.1.quantity',
    ]);
    for (const detail of validation.details) expect(detail.message).to.be.a('string').and.not.equal('');
    expect(validation.message).to.contain('customerId: ').and.contain('items.1.sku: ');
  });

  it('names the body itself when it is not an object at all', () => {
    const error = (() => {
      try {
        parseBody(order, 'text');
      } catch (e) {
        return e as ValidationError;
      }
      throw new Error('expected a ValidationError');
    })();
    expect(error.details).to.have.length(1);
    expect(error.details[0]?.path).to.equal('(body)');
  });
});
