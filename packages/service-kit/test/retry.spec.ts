import { expect } from 'chai';
import { retry, RetryTimeoutError, type RetryPolicy } from '../src/index.ts';
import { memoryLogger } from './support/memory-logger.ts';

describe('retry', () => {
  const policy: RetryPolicy = {
    initialDelayMs: 100,
    maxDelayMs: 1000,
    multiplier: 2,
    jitter: 0,
    giveUpAfterMs: 1000,
  };

  /** A clock that only moves when the retry sleeps, so the test runs instantly and exactly. */
  function fakeTime() {
    let now = 0;
    const waits: number[] = [];
    return {
      waits,
      now: () => now,
      sleep: (ms: number) => {
        waits.push(ms);
        now += ms;
        return Promise.resolve();
      },
    };
  }

  it('retries failures with the policy’s delays until an attempt succeeds', async () => {
    const time = fakeTime();
    const { logger, lines } = memoryLogger();
    const result = await retry(
      (attempt) => (attempt < 3 ? Promise.reject(new Error(`down ${attempt}`)) : Promise.resolve('up')),
      { policy, operation: 'reach the thing', logger, ...time },
    );
    expect(result).to.equal('up');
    expect(time.waits).to.deep.equal([100, 200]);
    expect(lines.map((l) => [l.msg, l.attempt, l.retryInMs, l.err])).to.deep.equal([
      ['reach the thing failed; retrying', 1, 100, 'down 1'],
      ['reach the thing failed; retrying', 2, 200, 'down 2'],
    ]);
  });

  it('throws an error flagged non-retriable at once, without retrying', async () => {
    const time = fakeTime();
    const fatal = Object.assign(new Error('schema missing'), { retriable: false });
    let attempts = 0;
    const error = await retry(
      () => {
        attempts++;
        return Promise.reject(fatal);
      },
      { policy, operation: 'check', logger: memoryLogger().logger, ...time },
    ).catch((e: unknown) => e);
    expect(error).to.equal(fatal);
    expect(attempts).to.equal(1);
    expect(time.waits).to.deep.equal([]);
  });

  it('asks isRetriable, when given, instead of the flag', async () => {
    const time = fakeTime();
    const error = await retry(() => Promise.reject(new Error('no')), {
      policy,
      operation: 'x',
      logger: memoryLogger().logger,
      isRetriable: () => false,
      ...time,
    }).catch((e: unknown) => e);
    expect((error as Error).message).to.equal('no');
  });

  it('gives up once the next wait would pass the time budget, naming the operation and the last error', async () => {
    const time = fakeTime();
    const error = await retry((attempt) => Promise.reject(new Error(`refused ${attempt}`)), {
      policy,
      operation: 'connect to the store',
      logger: memoryLogger().logger,
      ...time,
    }).catch((e: unknown) => e);
    // 100 + 200 + 400 = 700 elapsed; the next wait (800) would end past 1000.
    expect(time.waits).to.deep.equal([100, 200, 400]);
    expect(error).to.be.instanceOf(RetryTimeoutError);
    const timeout = error as RetryTimeoutError;
    expect(timeout.code).to.equal('RETRY_TIMEOUT');
    expect(timeout.attempts).to.equal(4);
    expect((timeout.cause as Error).message).to.equal('refused 4');
    expect(timeout.message).to.equal('connect to the store failed 4 times over 1s; last error: refused 4');
  });

  it('counts the budget from startedAt, so several steps share one', async () => {
    const time = fakeTime();
    const error = await retry(() => Promise.reject(new Error('down')), {
      policy,
      operation: 'second step',
      logger: memoryLogger().logger,
      startedAt: -950,
      ...time,
    }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RetryTimeoutError);
    expect(time.waits).to.deep.equal([]);
  });
});
