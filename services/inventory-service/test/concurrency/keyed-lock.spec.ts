import { expect } from 'chai';
import { createKeyedLock } from '../../src/concurrency/keyed-lock.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A piece of work that records when it starts and ends, and ends only when told to. */
function work(log: string[], name: string) {
  let finish: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const run = () =>
    new Promise<string>((resolve, reject) => {
      log.push(`${name} start`);
      finish = () => {
        log.push(`${name} end`);
        resolve(name);
      };
      fail = reject;
    });
  return {
    run,
    finish: () => {
      finish();
    },
    fail: (error: Error) => {
      fail(error);
    },
  };
}

describe('createKeyedLock', () => {
  it('runs work for the same key one at a time, in call order', async () => {
    const lock = createKeyedLock();
    const log: string[] = [];
    const [a, b] = [work(log, 'a'), work(log, 'b')];
    const results = [lock.run('order-1', a.run), lock.run('order-1', b.run)];
    await tick();
    expect(log).to.deep.equal(['a start']);
    a.finish();
    await tick();
    expect(log).to.deep.equal(['a start', 'a end', 'b start']);
    b.finish();
    expect(await Promise.all(results)).to.deep.equal(['a', 'b']);
  });

  it('runs work for different keys side by side', async () => {
    const lock = createKeyedLock();
    const log: string[] = [];
    const [a, b] = [work(log, 'a'), work(log, 'b')];
    const results = [lock.run('order-1', a.run), lock.run('order-2', b.run)];
    await tick();
    expect(log).to.deep.equal(['a start', 'b start']);
    b.finish();
    a.finish();
    expect(await Promise.all(results)).to.deep.equal(['a', 'b']);
  });

  it('lets the next work in after one fails, and hands the failure to its own caller only', async () => {
    const lock = createKeyedLock();
    const log: string[] = [];
    const [a, b] = [work(log, 'a'), work(log, 'b')];
    const first = lock.run('order-1', a.run);
    const second = lock.run('order-1', b.run);
    await tick();
    a.fail(new Error('store unreachable'));
    const error = await first.catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error).with.property('message', 'store unreachable');
    await tick();
    expect(log).to.deep.equal(['a start', 'b start']);
    b.finish();
    expect(await second).to.equal('b');
  });
});
