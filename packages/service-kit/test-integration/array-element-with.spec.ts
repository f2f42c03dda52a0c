import { expect } from 'chai';
import { createTestStore, type TestStore } from '@saga/testing';
import { arrayElementWith } from '../src/index.ts';
import { hold, shelves, type ShelfModel } from './support/shelf.ts';

/** The "some element of this array has that value" guard of an update, on the store the tests run against. */
describe('arrayElementWith (on the store)', function () {
  this.timeout(30_000);
  let store: TestStore;
  let Shelf: ShelfModel;

  before(async () => {
    store = createTestStore('service-kit-array-element-with');
    Shelf = await shelves(store);
  });
  after(() => store.close());

  it('guards an update that settles an order’s element: it applies once, wherever the element sits', async () => {
    await Shelf.create({ _id: 'busy', holds: [hold('A'), hold('X', 2), hold('B')], reserved: 4 });
    const settle = () =>
      Shelf.updateOne(
        { _id: 'busy', ...arrayElementWith({ 'holds.orderId': 'X' }), reserved: { $gte: 2 } },
        { $inc: { reserved: -2 }, $pull: { holds: hold('X', 2) } },
      );
    const results = [await settle(), await settle()];

    expect(results.map((r) => r.modifiedCount)).to.deep.equal([1, 0]);
    const shelf = await Shelf.findById('busy').lean();
    expect(shelf?.holds.map((h) => h.orderId)).to.deep.equal(['A', 'B']);
    expect(shelf?.reserved).to.equal(2);
  });

  it('matches no document whose elements all have other values, or that has none', async () => {
    await Shelf.create({ _id: 'others', holds: [hold('Y'), hold('Z')] });
    await Shelf.create({ _id: 'empty', holds: [] });
    for (const _id of ['others', 'empty']) {
      const result = await Shelf.updateOne(
        { _id, ...arrayElementWith({ 'holds.orderId': 'X' }) },
        { $inc: { reserved: 1 } },
      );
      expect(result.matchedCount, _id).to.equal(0);
    }
  });
});
