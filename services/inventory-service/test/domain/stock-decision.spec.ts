import { expect } from 'chai';
import {
  decideHold,
  decideRemoveHold,
  decideSetAvailable,
  lineStateOf,
  type StockState,
} from '../../src/domain/stock-decision.ts';

const orderId = 'order-1';
const other = 'order-2';
const stock = (fields: Partial<StockState> = {}): StockState => ({
  available: 5,
  reserved: 0,
  holds: [],
  ...fields,
});

describe('stock decisions', () => {
  describe('lineStateOf', () => {
    it('tells a held line, a line that fits, one that does not, and an unknown SKU apart', () => {
      expect(lineStateOf(stock({ holds: [{ orderId, quantity: 2 }], reserved: 2 }), orderId, 9)).to.equal(
        'HELD',
      );
      expect(lineStateOf(stock(), orderId, 5)).to.equal('AVAILABLE');
      expect(lineStateOf(stock(), orderId, 6)).to.equal('OUT_OF_STOCK');
      expect(lineStateOf(null, orderId, 1)).to.equal('SKU_NOT_FOUND');
    });
  });

  describe('decideHold', () => {
    it('moves the units from available to reserved with the order hold marker, guarded by what it read and by the marker', () => {
      const decided = decideHold(
        stock({ holds: [{ orderId: other, quantity: 1 }], reserved: 1 }),
        orderId,
        2,
      );
      expect(decided).to.deep.equal({
        kind: 'update',
        update: { $inc: { available: -2, reserved: 2 }, $push: { holds: { orderId, quantity: 2 } } },
        result: 'HELD',
        guard: { available: 5, $nor: [{ 'holds.orderId': orderId }] },
      });
    });

    it('holds the last units exactly', () => {
      expect(decideHold(stock({ available: 2 }), orderId, 2)).to.include({ kind: 'update', result: 'HELD' });
    });

    it('moves nothing for an order that holds the SKU already (a repeated step after a crash)', () => {
      const held = stock({ available: 3, reserved: 2, holds: [{ orderId, quantity: 2 }] });
      expect(decideHold(held, orderId, 2)).to.deep.equal({ kind: 'none', result: 'ALREADY_HELD' });
    });

    it('moves nothing when the units do not fit, or the SKU is unknown', () => {
      expect(decideHold(stock({ available: 1 }), orderId, 2)).to.deep.equal({
        kind: 'none',
        result: 'OUT_OF_STOCK',
      });
      expect(decideHold(null, orderId, 1)).to.deep.equal({ kind: 'none', result: 'SKU_NOT_FOUND' });
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

  describe('decideSetAvailable', () => {
    it('creates an unknown SKU with the units given, all of them received', () => {
      expect(decideSetAvailable(null, 7)).to.deep.equal({
        kind: 'insert',
        document: { available: 7, reserved: 0, sold: 0, received: 7, holds: [] },
        outbox: [],
        result: 'CREATED',
      });
    });

    it('sets the free units, counting the difference as received, guarded by the value it replaces', () => {
      expect(decideSetAvailable(stock({ available: 4, reserved: 2 }), 10)).to.deep.equal({
        kind: 'update',
        update: { $set: { available: 10 }, $inc: { received: 6 } },
        result: 'SET',
        guard: { available: 4 },
      });
      expect(decideSetAvailable(stock({ available: 4 }), 1)).to.have.deep.nested.property('update.$inc', {
        received: -3,
      });
    });

    it('writes nothing when the free units are what they are to be', () => {
      expect(decideSetAvailable(stock({ available: 4 }), 4)).to.deep.equal({ kind: 'none', result: 'SET' });
    });
  });
});
