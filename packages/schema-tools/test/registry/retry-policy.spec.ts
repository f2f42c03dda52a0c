import { expect } from 'chai';
import { retry, type RetryPolicy } from '../../src/index.ts';

const policy: RetryPolicy = { retries: 4, initialDelayMs: 100, maxDelayMs: 500, factor: 2 };

class Flaky extends Error {
  constructor(readonly retriable: boolean) {
    super('flaky');
  }
}

describe('retry', () => {
  it('retries retriable failures with growing, capped delays, then succeeds', async () => {
    const delays: number[] = [];
    const result = await retry(
      (n) => (n < 5 ? Promise.reject(new Flaky(true)) : Promise.resolve(`attempt ${n}`)),
      policy,
      { sleep: (ms) => Promise.resolve(void delays.push(ms)), random: () => 0.5 },
    );
    expect(result).to.equal('attempt 5');
    expect(delays).to.deep.equal([100, 200, 400, 500]);
  });

  it('spreads delays by up to 20 % either way', async () => {
    const delays: number[] = [];
    for (const random of [0, 0.999]) {
      await retry((n) => (n < 2 ? Promise.reject(new Flaky(true)) : Promise.resolve()), policy, {
        sleep: (ms) => Promise.resolve(void delays.push(ms)),
        random: () => random,
      });
    }
    expect(delays).to.deep.equal([80, 120]);
  });

  it('gives up after the last retry with the last error', async () => {
    let attempts = 0;
    const error = await retry(
      () => {
        attempts++;
        return Promise.reject(new Flaky(true));
      },
      policy,
      { sleep: () => Promise.resolve() },
    ).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Flaky);
    expect(attempts).to.equal(5);
  });

  it('does not retry an error that is not retriable', async () => {
    let attempts = 0;
    await retry(
      () => {
        attempts++;
        return Promise.reject(new Flaky(false));
      },
      policy,
      { sleep: () => Promise.resolve() },
    ).catch(() => undefined);
    expect(attempts).to.equal(1);
  });
});
