import { expect } from 'chai';
import { encodeCursor } from '@saga/service-kit';
import { parseListOrdersQuery } from '../../src/http/list-orders-query.ts';

describe('GET /orders query', () => {
  it('lists 20 of everything by default', () => {
    expect(parseListOrdersQuery({})).to.deep.equal({ ok: true, value: { limit: 20 } });
  });

  it('takes a status, a customer, a limit and a cursor', () => {
    const cursor = {
      createdAt: new Date('2025-01-01T00:00:00.000Z'),
      id: '9a2afb0f-10a2-5c5d-b79f-8f33eb15c3b9',
    };
    expect(
      parseListOrdersQuery({
        status: 'CANCELLED',
        customerId: 'c-1',
        limit: '100',
        cursor: encodeCursor(cursor),
      }),
    ).to.deep.equal({ ok: true, value: { status: 'CANCELLED', customerId: 'c-1', limit: 100, cursor } });
  });

  it('takes a limit of 1', () => {
    expect(parseListOrdersQuery({ limit: '1' })).to.deep.equal({ ok: true, value: { limit: 1 } });
  });

  const table: [string, Record<string, string | string[]>, string[]][] = [
    ['an unknown status', { status: 'SHIPPED' }, ['status: must be one of PENDING, CONFIRMED, CANCELLED']],
    ['a lower-case status', { status: 'pending' }, ['status: must be one of PENDING, CONFIRMED, CANCELLED']],
    ['a status given twice', { status: ['PENDING', 'CONFIRMED'] }, ['status: must be given once']],
    ['an empty customer', { customerId: '' }, ['customerId: must not be empty']],
    ['a limit of 0', { limit: '0' }, ['limit: must be a whole number from 1 to 100']],
    ['a limit of 101', { limit: '101' }, ['limit: must be a whole number from 1 to 100']],
    ['a negative limit', { limit: '-5' }, ['limit: must be a whole number from 1 to 100']],
    ['a fractional limit', { limit: '2.5' }, ['limit: must be a whole number from 1 to 100']],
    ['a limit that is not a number', { limit: 'ten' }, ['limit: must be a whole number from 1 to 100']],
    ['a cursor this API did not write', { cursor: 'abc' }, ['cursor: is not a nextCursor this API returned']],
    ['an unknown parameter', { sort: 'asc' }, ['sort: is not a known query parameter']],
    [
      'every parameter wrong at once',
      { status: 'NOPE', customerId: '', limit: '1000', cursor: 'x', page: '2' },
      [
        'status: must be one of PENDING, CONFIRMED, CANCELLED',
        'customerId: must not be empty',
        'limit: must be a whole number from 1 to 100',
        'cursor: is not a nextCursor this API returned',
        'page: is not a known query parameter',
      ],
    ],
  ];
  for (const [what, query, errors] of table) {
    it(`refuses ${what}, naming the parameter`, () => {
      const result = parseListOrdersQuery(query);
      expect(result.ok ? [] : result.errors.map((e) => `${e.path}: ${e.message}`)).to.deep.equal(errors);
    });
  }
});
