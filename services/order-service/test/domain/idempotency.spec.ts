import { expect } from 'chai';
import { ORDER_ID_NAMESPACE, orderIdFor, requestFingerprint } from '../../src/domain/idempotency.ts';
import { uuidV5 } from '@saga/service-kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('idempotency', () => {
  describe('orderIdFor', () => {
    it('derives the same order id from the same key, every time', () => {
      expect(orderIdFor('checkout-7f3a')).to.equal(orderIdFor('checkout-7f3a'));
    });

    it('derives the id as a UUIDv5 of the key in the order namespace, fixed forever', () => {
      // Pinned: a different id for a known key would turn every in-flight retry into a second order.
      expect(ORDER_ID_NAMESPACE).to.equal('211f34af-814b-4f4b-856e-808ddb7cd4a1');
      expect(orderIdFor('order-key-1')).to.equal('9a2afb0f-10a2-5c5d-b79f-8f33eb15c3b9');
      expect(orderIdFor('order-key-1')).to.equal(uuidV5('order-key-1', ORDER_ID_NAMESPACE));
    });

    it('derives different ids from different keys', () => {
      expect(orderIdFor('key-a')).to.not.equal(orderIdFor('key-b'));
    });

    it('takes a random UUID without a key', () => {
      const [a, b] = [orderIdFor(undefined), orderIdFor(undefined)];
      expect(a).to.match(UUID);
      expect(a).to.not.equal(b);
    });
  });

  describe('requestFingerprint', () => {
    const body = {
      customerId: 'c-1',
      currency: 'EUR',
      items: [
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 2 },
      ],
    };

    it('is a SHA-256 in hex', () => {
      expect(requestFingerprint(body)).to.match(/^[0-9a-f]{64}$/);
    });

    it('ignores key order', () => {
      const reordered = {
        items: body.items.map(({ quantity, sku }) => ({ quantity, sku })),
        currency: 'EUR',
        customerId: 'c-1',
      };
      expect(requestFingerprint(reordered)).to.equal(requestFingerprint(body));
    });

    const changes: [string, unknown][] = [
      ['another customer', { ...body, customerId: 'c-2' }],
      ['another currency', { ...body, currency: 'USD' }],
      ['another quantity', { ...body, items: [{ ...body.items[0], quantity: 2 }, body.items[1]] }],
      ['lines in another order', { ...body, items: [body.items[1], body.items[0]] }],
      ['a line fewer', { ...body, items: [body.items[0]] }],
    ];
    for (const [what, changed] of changes) {
      it(`changes with ${what}`, () => {
        expect(requestFingerprint(changed)).to.not.equal(requestFingerprint(body));
      });
    }
  });
});
