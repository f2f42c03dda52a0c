import { expect } from 'chai';
import { createTestStore, type TestStore } from '@saga/testing';
import { noArrayElementWith } from '../src/index.ts';
import { hold, shelves, type Hold, type ShelfModel } from './support/shelf.ts';

/** The "no element of this array has that value yet" guard, on the store the tests run against. */
describe('noArrayElementWith (on the store)', function () {
  this.timeout(30_000);
  let store: TestStore;
  let Shelf: ShelfModel;

  before(async () => {
    store = createTestStore('service-kit-no-array-element-with');
    Shelf = await shelves(store);
  });
  after(() => store.close());

  const matches = async (id: string, holds: Hold[], orderId: string) => {
    await Shelf.create({ _id: id, holds });
    return (
      (await Shelf.countDocuments({ _id: id, ...noArrayElementWith({ 'holds.orderId': orderId }) })) === 1
    );
  };

  it('does not match a document with an element of that value, wherever it sits among others', async () => {
    expect(await matches('only', [hold('X')], 'X')).to.equal(false);
    expect(await matches('first', [hold('X'), hold('Y')], 'X')).to.equal(false);
    expect(await matches('last', [hold('Y'), hold('X')], 'X')).to.equal(false);
  });

  it('matches a document whose elements all have other values, or that has none', async () => {
    expect(await matches('others', [hold('Y'), hold('Z')], 'X')).to.equal(true);
    expect(await matches('empty', [], 'X')).to.equal(true);
  });

  it('guards an update so that it adds an order’s element once, however often it runs beside other orders’ elements', async () => {
    await Shelf.create({ _id: 'busy', holds: [hold('A'), hold('B')], reserved: 2 });
    const take = () =>
      Shelf.updateOne(
        { _id: 'busy', ...noArrayElementWith({ 'holds.orderId': 'X' }) },
        { $inc: { reserved: 1 }, $push: { holds: hold('X') } },
      );
    const results = [await take(), await take(), await take()];

    expect(results.map((r) => r.modifiedCount)).to.deep.equal([1, 0, 0]);
    const shelf = await Shelf.findById('busy').lean();
    expect(shelf?.holds.map((h) => h.orderId)).to.deep.equal(['A', 'B', 'X']);
    expect(shelf?.reserved).to.equal(3);
  });

  it('carries several guards, each its own condition', async () => {
    await Shelf.create({ _id: 'two', holds: [hold('A')] });
    const filter = (a: string, b: string) => ({
      _id: 'two',
      ...noArrayElementWith({ 'holds.orderId': a, 'holds.quantity': b === 'one' ? 1 : 7 }),
    });
    expect(await Shelf.countDocuments(filter('B', 'seven'))).to.equal(1);
    expect(await Shelf.countDocuments(filter('A', 'seven'))).to.equal(0);
    expect(await Shelf.countDocuments(filter('B', 'one'))).to.equal(0);
  });
});
