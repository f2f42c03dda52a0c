import { expect } from 'chai';
import { defaultRetryPolicy, retryDelay, type RetryPolicy } from '../src/index.ts';

describe('retryDelay', () => {
  const policy: RetryPolicy = {
    initialDelayMs: 100,
    maxDelayMs: 1000,
    multiplier: 2,
    jitter: 0.2,
    giveUpAfterMs: 10_000,
  };
  const middle = () => 0.5;

  it('waits the initial delay before the first retry', () => {
    expect(retryDelay(policy, 1, middle)).to.equal(100);
  });

  it('multiplies the wait on every retry, up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(policy, n, middle))).to.deep.equal([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('spreads each wait by ± the jitter fraction', () => {
    expect(retryDelay(policy, 2, () => 0)).to.equal(160);
    expect(retryDelay(policy, 2, () => 0.999_999)).to.equal(240);
  });

  it('never exceeds the maximum, jitter included', () => {
    expect(retryDelay(policy, 10, () => 0.999_999)).to.equal(1000);
  });

  it('defaults to a policy that gives start-up a minute', () => {
    expect(defaultRetryPolicy.giveUpAfterMs).to.equal(60_000);
    expect(defaultRetryPolicy.jitter).to.be.within(0, 1);
  });
});
