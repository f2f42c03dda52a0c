import { expect } from 'chai';
import { cachedReading } from '../src/cached-reading.ts';

describe('cachedReading', () => {
  const clock = () => {
    let at = 0;
    return { now: () => at, advance: (ms: number) => (at += ms) };
  };

  it('reads once per ttl however often it is asked', async () => {
    const time = clock();
    let reads = 0;
    const read = cachedReading({
      read: () => Promise.resolve(++reads),
      ttlMs: 1000,
      initial: 0,
      now: time.now,
    });
    expect(await read()).to.equal(1);
    time.advance(999);
    expect(await read()).to.equal(1);
    time.advance(1);
    expect(await read()).to.equal(2);
    expect(reads).to.equal(2);
  });

  it('shares one reading among callers that ask while it runs', async () => {
    let reads = 0;
    const { promise, resolve } = Promise.withResolvers<number>();
    const read = cachedReading({
      read: () => {
        reads += 1;
        return promise;
      },
      ttlMs: 1000,
      initial: 0,
    });
    const both = Promise.all([read(), read()]);
    resolve(7);
    expect(await both).to.deep.equal([7, 7]);
    expect(reads).to.equal(1);
  });

  it('reports a failed reading and keeps the last good value, without asking again within the ttl', async () => {
    const time = clock();
    const errors: unknown[] = [];
    let fail = false;
    let reads = 0;
    const read = cachedReading({
      read: () => {
        reads += 1;
        return fail ? Promise.reject(new Error('store away')) : Promise.resolve(reads);
      },
      ttlMs: 1000,
      initial: 0,
      onError: (error) => errors.push(error),
      now: time.now,
    });
    expect(await read()).to.equal(1);
    fail = true;
    time.advance(1000);
    expect(await read()).to.equal(1);
    expect(await read()).to.equal(1);
    expect(reads).to.equal(2);
    expect(errors).to.have.length(1);
  });

  it('reports the initial value until a reading succeeded', async () => {
    const read = cachedReading({ read: () => Promise.reject(new Error('no')), ttlMs: 10, initial: 'none' });
    expect(await read()).to.equal('none');
  });
});
