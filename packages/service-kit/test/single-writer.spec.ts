import { expect } from 'chai';
import { gate, tick } from './support/gate.ts';
import { createSingleWriter } from '../src/store/single-writer.ts';

const orders = { collection: { collectionName: 'orders' } };
const stock = { collection: { collectionName: 'stock' } };

describe('createSingleWriter', () => {
  it('runs the works on one document one after the other, in the order they came', async () => {
    const writer = createSingleWriter();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const first = writer.run(orders, 'o-1', a.task);
    const second = writer.run(orders, 'o-1', b.task);
    await tick();
    expect(log).to.deep.equal(['a start']);
    a.open();
    b.open();
    expect(await Promise.all([first, second])).to.deep.equal(['a', 'b']);
    expect(log).to.deep.equal(['a start', 'a end', 'b start', 'b end']);
  });

  it('runs works on other documents side by side, the same id in another collection included', async () => {
    const writer = createSingleWriter();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const c = gate(log, 'c');
    const all = Promise.all([
      writer.run(orders, 'o-1', a.task),
      writer.run(orders, 'o-2', b.task),
      writer.run(stock, 'o-1', c.task),
    ]);
    await tick();
    expect(log).to.deep.equal(['a start', 'b start', 'c start']);
    a.open();
    b.open();
    c.open();
    await all;
  });

  it('knows which documents the calling work is the writer of, across awaits, and nothing outside', async () => {
    const writer = createSingleWriter();
    const inside: boolean[] = [];
    await writer.run(orders, 'o-1', async () => {
      inside.push(writer.holds('orders', 'o-1'));
      await tick();
      inside.push(writer.holds('orders', 'o-1'), writer.holds('orders', 'o-2'), writer.holds('stock', 'o-1'));
    });
    expect(inside).to.deep.equal([true, true, false, false]);
    expect(writer.holds('orders', 'o-1')).to.equal(false);
  });

  it('enters a document the caller holds already at once, and queues for another one, holding both', async () => {
    const writer = createSingleWriter();
    const held = await writer.run(orders, 'o-1', () =>
      writer.run(orders, 'o-1', () =>
        writer.run(stock, 'SKU-1', () =>
          Promise.resolve([writer.holds('orders', 'o-1'), writer.holds('stock', 'SKU-1')]),
        ),
      ),
    );
    expect(held).to.deep.equal([true, true]);
  });

  it('goes on with the next work when one fails, and hands the failure to its caller only', async () => {
    const writer = createSingleWriter();
    const failed = writer.run(orders, 'o-1', () => Promise.reject(new Error('boom')));
    const next = writer.run(orders, 'o-1', () => Promise.resolve('next'));
    expect(await failed.catch((error: unknown) => (error as Error).message)).to.equal('boom');
    expect(await next).to.equal('next');
  });

  it('forgets a document once nothing is queued on it', async () => {
    const writer = createSingleWriter();
    await writer.run(orders, 'o-1', () => Promise.resolve());
    await tick();
    expect(writer.size).to.equal(0);
  });
});
