import { expect } from 'chai';
import { createTestNamespace, testTokens, type TestNamespace } from '@saga/testing';
import { getStock, oneEuro, putStock, request } from './support/http.ts';
import { newSku, startInventory, type TestInventory } from './support/harness.ts';

describe('stock API (HTTP + FerretDB)', function () {
  this.timeout(90_000);
  let ns: TestNamespace;
  let inventory: TestInventory;
  before(async () => {
    ns = await createTestNamespace('inventory-stock-api');
    inventory = await startInventory(ns);
  });
  after(() => ns.close());

  describe('PUT /stock/:sku', () => {
    it('creates an unknown SKU with the free stock given, and answers 200 with the stock', async () => {
      const sku = newSku();
      const answer = await request(inventory.url, 'PUT', `/stock/${sku}`, { available: 7, ...oneEuro });
      expect(answer.status).to.equal(200);
      expect(answer.body).to.deep.equal({ sku, available: 7, reserved: 0, sold: 0, received: 7, ...oneEuro });
    });

    it('sets the free stock of a known SKU, counting the difference as received', async () => {
      const sku = newSku();
      await putStock(inventory.url, sku, 7);
      const more = await request(inventory.url, 'PUT', `/stock/${sku}`, { available: 10, ...oneEuro });
      expect(more.body).to.deep.equal({ sku, available: 10, reserved: 0, sold: 0, received: 10, ...oneEuro });
      const less = await request(inventory.url, 'PUT', `/stock/${sku}`, { available: 4, ...oneEuro });
      expect(less.body).to.deep.equal({ sku, available: 4, reserved: 0, sold: 0, received: 4, ...oneEuro });
      const none = await request(inventory.url, 'PUT', `/stock/${sku}`, { available: 0, ...oneEuro });
      expect(none.body).to.deep.equal({ sku, available: 0, reserved: 0, sold: 0, received: 0, ...oneEuro });
    });

    it('refuses a malformed SKU with 400 VALIDATION_FAILED naming the sku', async () => {
      const answer = await request(inventory.url, 'PUT', `/stock/${encodeURIComponent('bad sku!')}`, {
        available: 1,
        ...oneEuro,
      });
      expect(answer.status).to.equal(400);
      expect(answer.body).to.have.nested.property('error.code', 'VALIDATION_FAILED');
      expect(answer.body).to.have.nested.property('error.details[0].path', 'sku');
    });

    it('refuses a negative, fractional or missing amount, or an extra field, with 400 and changes nothing', async () => {
      const sku = newSku();
      await putStock(inventory.url, sku, 5);
      for (const body of [
        { available: -1, ...oneEuro },
        { available: 2.5, ...oneEuro },
        { ...oneEuro },
        { available: 3, reserved: 9, ...oneEuro },
      ]) {
        const answer = await request(inventory.url, 'PUT', `/stock/${sku}`, body);
        expect(answer.status, JSON.stringify(body)).to.equal(400);
        expect(answer.body, JSON.stringify(body)).to.have.nested.property('error.code', 'VALIDATION_FAILED');
      }
      expect(await getStock(inventory.url, sku)).to.deep.equal({
        sku,
        available: 5,
        reserved: 0,
        sold: 0,
        received: 5,
        ...oneEuro,
      });
    });

    it('sets the price and currency with the stock, and shows them; a new price applies from then on', async () => {
      const sku = newSku();
      const first = await request(inventory.url, 'PUT', `/stock/${sku}`, {
        available: 2,
        price: 1250,
        currency: 'EUR',
      });
      expect(first.body).to.deep.equal({
        sku,
        available: 2,
        reserved: 0,
        sold: 0,
        received: 2,
        price: 1250,
        currency: 'EUR',
      });
      await request(inventory.url, 'PUT', `/stock/${sku}`, { available: 2, price: 300, currency: 'JPY' });
      expect(await getStock(inventory.url, sku)).to.include({ available: 2, price: 300, currency: 'JPY' });
    });

    it('refuses stock without a price, or with a malformed price or currency, with 400 naming the field, and stores nothing', async () => {
      const sku = newSku();
      const cases: [object, string, string][] = [
        [
          { available: 3, currency: 'EUR' },
          'price',
          'must be the price of one unit as a whole number of minor units of currency, e.g. 1250',
        ],
        [{ available: 3, price: 100 }, 'currency', 'must be the ISO 4217 code of the price, e.g. EUR'],
        [{ available: 3, price: '12.50', currency: 'EUR' }, 'price', 'minor units'],
        [{ available: 3, price: -1, currency: 'EUR' }, 'price', 'must be at least 0'],
        [{ available: 3, price: 100, currency: 'eur' }, 'currency', 'ISO 4217'],
      ];
      for (const [body, path, message] of cases) {
        const answer = await request(inventory.url, 'PUT', `/stock/${sku}`, body);
        expect(answer.status, JSON.stringify(body)).to.equal(400);
        expect(answer.body, JSON.stringify(body)).to.have.nested.property('error.code', 'VALIDATION_FAILED');
        expect(answer.body, JSON.stringify(body)).to.have.nested.property('error.details[0].path', path);
        expect(answer.body, JSON.stringify(body))
          .to.have.nested.property('error.details[0].message')
          .that.contains(message);
      }
      expect((await request(inventory.url, 'GET', `/stock/${sku}`)).status).to.equal(404);
    });

    it('refuses a body that is not JSON with 415', async () => {
      const response = await fetch(`${inventory.url}/stock/${newSku()}`, {
        method: 'PUT',
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${testTokens.admin}` },
        body: 'available=3',
      });
      expect(response.status).to.equal(415);
    });

    it('needs an admin: 401 without a token, 403 for ops, and changes nothing', async () => {
      const sku = newSku();
      await putStock(inventory.url, sku, 3);
      const anonymous = await request(
        inventory.url,
        'PUT',
        `/stock/${sku}`,
        { available: 9, ...oneEuro },
        null,
      );
      expect(anonymous.status).to.equal(401);
      const asOps = await request(
        inventory.url,
        'PUT',
        `/stock/${sku}`,
        { available: 9, ...oneEuro },
        testTokens.ops,
      );
      expect(asOps.status).to.equal(403);
      expect(asOps.body).to.have.nested.property('error.message').that.contains('admin role');
      expect((await getStock(inventory.url, sku)).available).to.equal(3);
    });
  });

  describe('GET /stock/:sku', () => {
    it('needs a token', async () => {
      const sku = newSku();
      await putStock(inventory.url, sku, 1);
      expect((await request(inventory.url, 'GET', `/stock/${sku}`, undefined, null)).status).to.equal(401);
      expect(
        (await request(inventory.url, 'GET', `/reservations/${inventory.newOrder()}`, undefined, null))
          .status,
      ).to.equal(401);
    });

    it('answers 200 with the SKU, its counters and its price', async () => {
      const sku = newSku();
      await putStock(inventory.url, sku, 3);
      const answer = await request(inventory.url, 'GET', `/stock/${sku}`);
      expect(answer.status).to.equal(200);
      expect(answer.body).to.deep.equal({ sku, available: 3, reserved: 0, sold: 0, received: 3, ...oneEuro });
    });

    it('answers 404 NOT_FOUND for an unknown SKU', async () => {
      const sku = newSku();
      const answer = await request(inventory.url, 'GET', `/stock/${sku}`);
      expect(answer.status).to.equal(404);
      expect(answer.body).to.have.nested.property('error.code', 'NOT_FOUND');
      expect(answer.body).to.have.nested.property('error.message').that.contains(sku);
    });

    it('answers 400 for a malformed SKU', async () => {
      const answer = await request(inventory.url, 'GET', `/stock/${'x'.repeat(65)}`);
      expect(answer.status).to.equal(400);
    });
  });

  describe('GET /reservations/:orderId', () => {
    it('answers 404 for an order without a reservation, and 400 for an id that is no UUID', async () => {
      expect((await request(inventory.url, 'GET', `/reservations/${inventory.newOrder()}`)).status).to.equal(
        404,
      );
      expect((await request(inventory.url, 'GET', '/reservations/not-an-order')).status).to.equal(400);
    });
  });
});
