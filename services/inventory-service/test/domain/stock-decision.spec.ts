import { expect } from 'chai';
import {
  decideHold,
  decideRemoveHold,
  decideSetStock,
  lineStateOf,
  type StockState,
} from '../../src/domain/stock-decision.ts';

const orderId = 'order-1';
const other = 'order-2';
const stock = (fields: Partial<StockState> = {}): StockState => ({
  available: 5,
  reserved: 0,
  holds: [],
  price: 1250,
  currency: 'EUR',
  ...fields,
});
/** Stock stored before prices: no price fields at all. */
const beforePrices = (fields: Partial<StockState> = {}): StockState =>
  Object.fromEntries(
    Object.entries(stock(fields)).filter(([key]) => key !== 'price' && key !== 'currency'),
  ) as StockState;
const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

describe('stock decisions', () => {
  describe('lineStateOf', () => {
    it('tells a held line, a line that fits, one that does not, and an unknown SKU apart, with the price', () => {
      const held = stock({ holds: [{ orderId, quantity: 2 }], reserved: 2 });
      expect(lineStateOf(held, orderId, 9, 'EUR')).to.deep.equal({ outcome: 'HELD', unitPrice: eur(1250) });
      expect(lineStateOf(stock(), orderId, 5, 'EUR')).to.deep.equal({
        outcome: 'AVAILABLE',
        unitPrice: eur(1250),
      });
      expect(lineStateOf(stock(), orderId, 6, null)).to.deep.equal({
        outcome: 'OUT_OF_STOCK',
        unitPrice: eur(1250),
      });
      expect(lineStateOf(null, orderId, 1, 'EUR')).to.deep.equal({
        outcome: 'SKU_NOT_FOUND',
        unitPrice: null,
      });
    });

    it('tells a SKU without a price, or priced in another currency than the order, apart', () => {
      expect(lineStateOf(stock({ price: null, currency: null }), orderId, 1, 'EUR')).to.deep.equal({
        outcome: 'PRICE_NOT_SET',
        unitPrice: null,
      });
      expect(lineStateOf(stock({ currency: 'USD' }), orderId, 1, 'EUR')).to.deep.equal({
        outcome: 'CURRENCY_MISMATCH',
        unitPrice: { amountMinor: 1250, currency: 'USD' },
      });
    });
  });

  describe('decideHold', () => {
    it('moves the units from available to reserved with the order hold marker, guarded by what it read (the price included) and by the marker', () => {
      const decided = decideHold(
        stock({ holds: [{ orderId: other, quantity: 1 }], reserved: 1 }),
        orderId,
        2,
        'EUR',
      );
      expect(decided).to.deep.equal({
        kind: 'update',
        update: { $inc: { available: -2, reserved: 2 }, $push: { holds: { orderId, quantity: 2 } } },
        result: { outcome: 'HELD', unitPrice: eur(1250) },
        guard: { available: 5, price: 1250, currency: 'EUR', $nor: [{ 'holds.orderId': orderId }] },
      });
    });

    it('holds in any currency when the order names none', () => {
      expect(decideHold(stock({ currency: 'JPY', price: 300 }), orderId, 1, null)).to.deep.include({
        kind: 'update',
        result: { outcome: 'HELD', unitPrice: { amountMinor: 300, currency: 'JPY' } },
      });
    });

    it('holds the last units exactly', () => {
      expect(decideHold(stock({ available: 2 }), orderId, 2, 'EUR')).to.deep.include({
        kind: 'update',
        result: { outcome: 'HELD', unitPrice: eur(1250) },
      });
    });

    it('moves nothing for an order that holds the SKU already (a repeated step after a crash)', () => {
      const held = stock({ available: 3, reserved: 2, holds: [{ orderId, quantity: 2 }] });
      expect(decideHold(held, orderId, 2, 'EUR')).to.deep.equal({
        kind: 'none',
        result: { outcome: 'ALREADY_HELD', unitPrice: eur(1250) },
      });
    });

    it('moves nothing when the units do not fit, or the SKU is unknown', () => {
      expect(decideHold(stock({ available: 1 }), orderId, 2, 'EUR')).to.deep.equal({
        kind: 'none',
        result: { outcome: 'OUT_OF_STOCK', unitPrice: eur(1250) },
      });
      expect(decideHold(null, orderId, 1, 'EUR')).to.deep.equal({
        kind: 'none',
        result: { outcome: 'SKU_NOT_FOUND', unitPrice: null },
      });
    });

    it('holds nothing of a SKU that is not for sale: no price (stock from before prices included), or priced in another currency', () => {
      for (const unpriced of [stock({ price: null, currency: null }), beforePrices()]) {
        expect(decideHold(unpriced, orderId, 1, 'EUR')).to.deep.equal({
          kind: 'none',
          result: { outcome: 'PRICE_NOT_SET', unitPrice: null },
        });
      }
      expect(decideHold(stock({ currency: 'USD' }), orderId, 1, 'EUR')).to.deep.equal({
        kind: 'none',
        result: { outcome: 'CURRENCY_MISMATCH', unitPrice: { amountMinor: 1250, currency: 'USD' } },
      });
    });
  });

  describe('decideRemoveHold', () => {
    const held = stock({
      available: 1,
      reserved: 4,
      holds: [
        { orderId: other, quantity: 1 },
        { orderId, quantity: 3 },
      ],
    });

    it('gives the held units back and removes the hold by its exact value', () => {
      expect(decideRemoveHold(held, orderId, 'available')).to.deep.equal({
        kind: 'update',
        update: { $inc: { reserved: -3, available: 3 }, $pullAll: { holds: [{ orderId, quantity: 3 }] } },
        result: true,
        guard: { reserved: 4, 'holds.orderId': orderId },
      });
    });

    it('sells the held units', () => {
      const decided = decideRemoveHold(held, orderId, 'sold');
      expect(decided).to.have.deep.nested.property('update.$inc', { reserved: -3, sold: 3 });
    });

    it('moves nothing without a hold of the order: given back or sold already, never held, or no SKU', () => {
      expect(decideRemoveHold(stock(), orderId, 'available')).to.deep.equal({ kind: 'none', result: false });
      expect(decideRemoveHold(null, orderId, 'sold')).to.deep.equal({ kind: 'none', result: false });
    });
  });

  describe('decideSetStock', () => {
    const setting = { available: 7, price: 1250, currency: 'EUR' };

    it('creates an unknown SKU with the units given, all of them received, at the price given', () => {
      expect(decideSetStock(null, setting)).to.deep.equal({
        kind: 'insert',
        document: {
          available: 7,
          reserved: 0,
          sold: 0,
          received: 7,
          holds: [],
          price: 1250,
          currency: 'EUR',
        },
        outbox: [],
        result: 'CREATED',
      });
    });

    it('sets the free units and the price, counting the difference as received, guarded by the value it replaces', () => {
      expect(
        decideSetStock(stock({ available: 4, reserved: 2 }), { available: 10, price: 990, currency: 'USD' }),
      ).to.deep.equal({
        kind: 'update',
        update: { $set: { available: 10, price: 990, currency: 'USD' }, $inc: { received: 6 } },
        result: 'SET',
        guard: { available: 4 },
      });
      expect(
        decideSetStock(stock({ available: 4 }), { ...setting, available: 1 }),
      ).to.have.deep.nested.property('update.$inc', { received: -3 });
    });

    it('prices stock from before prices without touching its counters', () => {
      expect(
        decideSetStock(beforePrices({ available: 4 }), {
          ...setting,
          available: 4,
        }),
      ).to.deep.include({
        kind: 'update',
        update: { $set: { available: 4, price: 1250, currency: 'EUR' }, $inc: { received: 0 } },
      });
    });

    it('writes nothing when the free units and the price are what they are to be', () => {
      expect(decideSetStock(stock({ available: 7 }), setting)).to.deep.equal({ kind: 'none', result: 'SET' });
    });
  });
});
