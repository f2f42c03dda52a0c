import { expect } from 'chai';
import { skuRule } from '@saga/contracts';
import type { FieldError } from '@saga/service-kit';
import { parseCreateOrderBody } from '../../src/http/create-order-body.ts';

const line = { sku: 'SKU-1', quantity: 2 };
const valid = { customerId: 'customer-42', currency: 'EUR', items: [line] };

/** The field errors for a body, as `path: message` lines, in the order they are reported. */
function errorsOf(body: unknown): string[] {
  const result = parseCreateOrderBody(body);
  if (result.ok) return [];
  return result.errors.map((e: FieldError) => `${e.path}: ${e.message}`);
}

describe('POST /orders body', () => {
  it('accepts a valid order and returns it as it is', () => {
    expect(parseCreateOrderBody(valid)).to.deep.equal({ ok: true, value: valid });
  });

  it('accepts the limits themselves, and any ISO 4217 currency', () => {
    const result = parseCreateOrderBody({
      customerId: 'c',
      currency: 'JPY',
      items: [
        { sku: 'ONE', quantity: 1 },
        { sku: 'BULK', quantity: 10_000 },
      ],
    });
    expect(result.ok).to.equal(true);
  });

  it('accepts 100 lines', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ ...line, sku: `SKU-${i}` }));
    expect(parseCreateOrderBody({ ...valid, items }).ok).to.equal(true);
  });

  const table: [string, unknown, string[]][] = [
    ['not an object', 'order', ['(body): must be a JSON object']],
    ['an array', [valid], ['(body): must be a JSON object']],
    ['null', null, ['(body): must be a JSON object']],
    ['an empty object', {}, ['customerId: is required', 'currency: is required', 'items: is required']],
    ['an empty customer id', { ...valid, customerId: '' }, ['customerId: must not be empty']],
    ['a numeric customer id', { ...valid, customerId: 42 }, ['customerId: must be a string']],
    [
      'a customer id with padding',
      { ...valid, customerId: ' customer-42' },
      ['customerId: must not start or end with whitespace or contain control characters'],
    ],
    [
      'a customer id too long',
      { ...valid, customerId: 'c'.repeat(129) },
      ['customerId: must be at most 128 characters'],
    ],
    [
      'a lower-case currency',
      { ...valid, currency: 'eur' },
      ['currency: must be an ISO 4217 code of 3 uppercase letters, e.g. EUR'],
    ],
    [
      'a currency of 4 letters',
      { ...valid, currency: 'EURO' },
      ['currency: must be an ISO 4217 code of 3 uppercase letters, e.g. EUR'],
    ],
    ['an unknown currency', { ...valid, currency: 'ABC' }, ['currency: is not an ISO 4217 currency code']],
    ['no lines', { ...valid, items: [] }, ['items: must hold at least one line']],
    [
      'too many lines',
      { ...valid, items: Array.from({ length: 101 }, (_, i) => ({ ...line, sku: `SKU-${i}` })) },
      ['items: must hold at most 100 lines'],
    ],
    ['items not an array', { ...valid, items: line }, ['items: must be an array of order lines']],
    [
      'a line that is not an object',
      { ...valid, items: [line, 'SKU-2'] },
      ['items.1: must be an object with sku and quantity'],
    ],
    [
      'a line missing everything',
      { ...valid, items: [{}] },
      ['items.0.sku: is required', 'items.0.quantity: is required'],
    ],
    [
      'a zero quantity',
      { ...valid, items: [{ ...line, quantity: 0 }] },
      ['items.0.quantity: must be at least 1'],
    ],
    [
      'a negative quantity',
      { ...valid, items: [{ ...line, quantity: -3 }] },
      ['items.0.quantity: must be at least 1'],
    ],
    [
      'a fractional quantity',
      { ...valid, items: [{ ...line, quantity: 1.5 }] },
      ['items.0.quantity: must be a whole number'],
    ],
    [
      'a quantity as a string',
      { ...valid, items: [{ ...line, quantity: '2' }] },
      ['items.0.quantity: must be a number'],
    ],
    [
      'a quantity over the limit',
      { ...valid, items: [{ ...line, quantity: 10_001 }] },
      ['items.0.quantity: must be at most 10000'],
    ],
    [
      'a quantity past the safe integers',
      { ...valid, items: [{ ...line, quantity: 1e20 }] },
      ['items.0.quantity: must be at most 10000'],
    ],
    // Prices belong to the shop: a caller's price is refused whatever it is, so no one orders at 0.
    [
      'a unit price (the shop prices the lines)',
      { ...valid, items: [{ ...line, unitPrice: 1250 }] },
      ['items.0.unitPrice: prices are set by the shop; leave unitPrice out'],
    ],
    [
      'a unit price of zero',
      { ...valid, items: [{ ...line, unitPrice: 0 }] },
      ['items.0.unitPrice: prices are set by the shop; leave unitPrice out'],
    ],
    [
      'a unit price as Money, or null',
      {
        ...valid,
        items: [
          { ...line, unitPrice: { amountMinor: 1250, currency: 'EUR' } },
          { sku: 'B', quantity: 1, unitPrice: null },
        ],
      },
      [
        'items.0.unitPrice: prices are set by the shop; leave unitPrice out',
        'items.1.unitPrice: prices are set by the shop; leave unitPrice out',
      ],
    ],
    ['an empty SKU', { ...valid, items: [{ ...line, sku: '' }] }, [`items.0.sku: ${skuRule}`]],
    [
      'a SKU inventory could never stock (the platform’s one SKU rule)',
      { ...valid, items: [{ ...line, sku: 'ÄPFEL' }] },
      [`items.0.sku: ${skuRule}`],
    ],
    ['a SKU with a space', { ...valid, items: [{ ...line, sku: 'SKU 1' }] }, [`items.0.sku: ${skuRule}`]],
    [
      'the same SKU on two lines',
      { ...valid, items: [line, { ...line, quantity: 1 }] },
      ['items.1.sku: repeats the SKU of items.0; use one line per SKU'],
    ],
    ['an unknown field', { ...valid, note: 'hi' }, ['note: is not a known field']],
    [
      'an unknown field on a line',
      { ...valid, items: [{ ...line, discount: 10 }] },
      ['items.0.discount: is not a known field'],
    ],
    [
      'everything wrong at once',
      {
        customerId: '',
        currency: 'eur',
        items: [
          { sku: 'A', quantity: 0, unitPrice: -5, colour: 'red' },
          { sku: 'A', quantity: 'x' },
        ],
        coupon: 'FREE',
      },
      [
        'customerId: must not be empty',
        'currency: must be an ISO 4217 code of 3 uppercase letters, e.g. EUR',
        'items.0.quantity: must be at least 1',
        'items.0.unitPrice: prices are set by the shop; leave unitPrice out',
        'items.0.colour: is not a known field',
        'items.1.quantity: must be a number',
        'coupon: is not a known field',
        'items.1.sku: repeats the SKU of items.0; use one line per SKU',
      ],
    ],
  ];
  for (const [what, body, errors] of table) {
    it(`refuses ${what}`, () => {
      expect(errorsOf(body)).to.deep.equal(errors);
    });
  }
});
