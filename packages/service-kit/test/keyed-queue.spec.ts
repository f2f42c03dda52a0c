import { expect } from 'chai';
import { gate, tick } from './support/gate.ts';
import { createKeyedQueue } from '../src/concurrency/keyed-queue.ts';

describe('createKeyedQueue', () => {
  it('runs the tasks of one key one after the other, in the order they came', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const first = queue.run('order-1', a.task);
    const second = queue.run('order-1', b.task);
    await tick();
    expect(log).to.deep.equal(['a start']);
    a.open();
    b.open();
    expect(await Promise.all([first, second])).to.deep.equal(['a', 'b']);
    expect(log).to.deep.equal(['a start', 'a end', 'b start', 'b end']);
  });

  it('runs tasks of different keys side by side', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const both = Promise.all([queue.run('order-1', a.task), queue.run('order-2', b.task)]);
    await tick();
    expect(log).to.deep.equal(['a start', 'b start']);
    a.open();
    b.open();
    await both;
  });

  it('goes on with the next task when one fails, and hands the failure to its caller only', async () => {
    const queue = createKeyedQueue();
    const failed = queue.run('order-1', () => Promise.reject(new Error('boom')));
    const next = queue.run('order-1', () => Promise.resolve('next'));
    expect(await failed.catch((error: unknown) => (error as Error).message)).to.equal('boom');
    expect(await next).to.equal('next');
  });

  it('forgets a key once its queue is empty', async () => {
    const queue = createKeyedQueue();
    await queue.run('order-1', () => Promise.resolve());
    await tick();
    expect(queue.size).to.equal(0);
  });
});
