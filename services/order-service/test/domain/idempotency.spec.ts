import { expect } from 'chai';
import { ORDER_ID_NAMESPACE, orderIdFor, requestFingerprint } from '../../src/domain/idempotency.ts';
import { uuidV5 } from '@saga/service-kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('idempotency', () => {
  describe('orderIdFor', () => {
    it('derives the same order id from the same customer and key, every time', () => {
      expect(orderIdFor('alice', 'checkout-7f3a')).to.equal(orderIdFor('alice', 'checkout-7f3a'));
    });

    it('derives the id as a UUIDv5 of the key in a namespace per customer, fixed forever', () => {
      // Pinned: a different id for a known key would turn every in-flight retry into a second order.
      expect(ORDER_ID_NAMESPACE).to.equal('211f34af-814b-4f4b-856e-808ddb7cd4a1');
      const customerNamespace = uuidV5('alice', ORDER_ID_NAMESPACE);
      expect(orderIdFor('alice', 'order-key-1')).to.equal(uuidV5('order-key-1', customerNamespace));
    });

    it('derives different ids from different keys', () => {
      expect(orderIdFor('alice', 'key-a')).to.not.equal(orderIdFor('alice', 'key-b'));
    });

    it('scopes keys per customer: the same key of two customers names two orders', () => {
      expect(orderIdFor('alice', 'checkout-1')).to.not.equal(orderIdFor('bob', 'checkout-1'));
    });

    it('takes a random UUID without a key', () => {
      const [a, b] = [orderIdFor('alice', undefined), orderIdFor('alice', undefined)];
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
