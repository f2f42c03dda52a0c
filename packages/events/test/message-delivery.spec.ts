import { expect } from 'chai';
import { KafkaJSProtocolError } from 'kafkajs';
import { pino } from 'pino';
import {
  ConsumerStoppingError,
  deliverMessage,
  MessageDecodeError,
  RegistryUnavailableError,
  type ConsumerRetryPolicy,
  type DeliveryDeps,
} from '../src/index.ts';

const policy: ConsumerRetryPolicy = {
  delayMs: (retry) => Math.min(100 * 2 ** (retry - 1), 3000),
  unclassifiedAttempts: 3,
  retriableGiveUpMs: 20_000,
  heartbeatEveryMs: 1000,
  logEveryMs: 30_000,
};

/** One delivery with a clock that moves only when the delivery sleeps, and a record of what it did. */
function harness(failures: readonly Error[], overrides: Partial<DeliveryDeps> = {}) {
  let now = 0;
  const log: Record<string, unknown>[] = [];
  const calls = { attempts: 0, deadLetters: [] as unknown[], heartbeats: 0, sleeps: [] as number[] };
  const logger = pino(
    { level: 'debug' },
    {
      write: (line: string) => {
        log.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  const deps: DeliveryDeps = {
    attempt: () => {
      const failure = failures[calls.attempts];
      calls.attempts += 1;
      return failure === undefined ? Promise.resolve() : Promise.reject(failure);
    },
    deadLetter: (failure) => {
      calls.deadLetters.push(failure);
      return Promise.resolve();
    },
    heartbeat: () => {
      calls.heartbeats += 1;
      return Promise.resolve();
    },
    stopping: new AbortController().signal,
    policy,
    logger,
    position: { topic: 'order.created', partition: 0, offset: '7', key: 'k' },
    now: () => now,
    sleep: (ms) => {
      calls.sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    ...overrides,
  };
  return { deps, calls, log };
}

const outage = () => new RegistryUnavailableError('http://registry');
const undecodable = () => new MessageDecodeError('order.created', 'magic byte is 1, expected 0');

describe('deliverMessage', () => {
  it('handles a message that succeeds at once, without waiting or dead-lettering', async () => {
    const { deps, calls } = harness([]);
    expect(await deliverMessage(deps)).to.equal('handled');
    expect(calls).to.deep.include({ attempts: 1, deadLetters: [], sleeps: [] });
  });

  it('retries the same message on transient errors, with growing waits, until it succeeds', async () => {
    const { deps, calls, log } = harness([outage(), outage()]);
    expect(await deliverMessage(deps)).to.equal('handled');
    expect(calls.attempts).to.equal(3);
    expect(calls.deadLetters).to.deep.equal([]);
    expect(calls.sleeps).to.deep.equal([100, 200]);
    expect(log.filter((l) => l.classification === 'transient').map((l) => l.attempt)).to.deep.equal([1, 2]);
    expect(log.at(-1)).to.include({ msg: 'message handled after retries', attempts: 3 });
  });

  it('never gives up on a transient error, however long it lasts', async () => {
    const { deps, calls } = harness(Array.from({ length: 40 }, outage));
    expect(await deliverMessage(deps)).to.equal('handled');
    expect(calls.attempts).to.equal(41);
    expect(calls.deadLetters).to.deep.equal([]);
    expect(Math.max(...calls.sleeps)).to.equal(1000);
  });

  it('retries an error that says trying again helps (no outage) for a while, then dead-letters it as retries-exhausted', async () => {
    const contended = Object.assign(new Error('sagas s-1 changed under 5 decisions in a row'), {
      name: 'GuardLostError',
      code: 'GUARD_LOST',
      retriable: true,
    });
    const { deps, calls } = harness(Array.from({ length: 100 }, () => contended));
    expect(await deliverMessage(deps)).to.equal('dead-lettered');
    // 0.1 + 0.2 + … s of waits, capped at 3 s: the 20 s give-up comes after a dozen attempts.
    expect(calls.attempts).to.be.within(8, 14);
    expect(calls.deadLetters).to.deep.equal([
      { error: contended, classification: 'retries-exhausted', attempts: calls.attempts },
    ]);
  });

  it('retries a transient conflict wrapped in another error (not dead-lettered as unclassified) until it clears', async () => {
    const contended = Object.assign(new Error('changed under 5 decisions'), { retriable: true });
    const wrapped = () => new Error('applying the reply failed', { cause: contended });
    // More failures than the policy gives an unclassified error (3): each is retried as transient.
    const { deps, calls } = harness([wrapped(), wrapped(), wrapped(), wrapped(), wrapped()]);
    expect(await deliverMessage(deps)).to.equal('handled');
    expect(calls.attempts).to.equal(6);
    expect(calls.deadLetters).to.deep.equal([]);
  });

  it('gives up on a wrapped conflict that never clears after the same bound, so the partition goes on', async () => {
    const contended = Object.assign(new Error('changed under 5 decisions'), { retriable: true });
    const wrapped = new Error('applying the reply failed', { cause: contended });
    const { deps, calls } = harness(Array.from({ length: 100 }, () => wrapped));
    // 'dead-lettered' is the consumer's cue to commit the offset and take the next message.
    expect(await deliverMessage(deps)).to.equal('dead-lettered');
    expect(calls.deadLetters).to.deep.equal([
      { error: wrapped, classification: 'retries-exhausted', attempts: calls.attempts },
    ]);
    // The bound is checked after each wait, so the last wait may run past it, by one wait at most.
    const waited = calls.sleeps.reduce((sum, ms) => sum + ms, 0);
    expect(waited)
      .to.be.at.least(policy.retriableGiveUpMs)
      .and.below(policy.retriableGiveUpMs + policy.delayMs(99));
  });

  it('recovers from an error that says trying again helps when it clears before the give-up', async () => {
    const contended = Object.assign(new Error('changed under 5 decisions'), { retriable: true });
    const { deps, calls } = harness([contended, contended, contended]);
    expect(await deliverMessage(deps)).to.equal('handled');
    expect(calls.deadLetters).to.deep.equal([]);
  });

  it('heartbeats between slices of a long wait, so the group keeps the member', async () => {
    const { deps, calls } = harness([outage()], { policy: { ...policy, delayMs: () => 3500 } });
    await deliverMessage(deps);
    expect(calls.sleeps).to.deep.equal([1000, 1000, 1000, 500]);
    expect(calls.heartbeats).to.equal(4);
  });

  it('logs the first retries, then at most one line per interval, counting the ones left out', async () => {
    const { deps, log } = harness(Array.from({ length: 40 }, outage));
    await deliverMessage(deps);
    const retries = log.filter((l) => l.classification === 'transient');
    // 40 failures over ~35 s of fake time (waits capped at 1 s by the heartbeat slices, 3 s by the policy).
    expect(retries.length).to.be.below(10);
    expect(retries.slice(0, 3).map((l) => l.attempt)).to.deep.equal([1, 2, 3]);
    expect(retries.slice(3).every((l) => typeof l.retriesNotLogged === 'number')).to.equal(true);
  });

  it('tells onRetry of each failed attempt it will retry, and not of the last one it gives up on', async () => {
    let retries = 0;
    const error = new TypeError('cannot read properties of undefined');
    const { deps } = harness([error, error, error], { onRetry: () => (retries += 1) });
    expect(await deliverMessage(deps)).to.equal('dead-lettered');
    expect(retries).to.equal(2);
  });

  it('dead-letters a permanent failure at once', async () => {
    const error = undecodable();
    const { deps, calls, log } = harness([error]);
    expect(await deliverMessage(deps)).to.equal('dead-lettered');
    expect(calls.attempts).to.equal(1);
    expect(calls.deadLetters).to.deep.equal([{ error, classification: 'permanent', attempts: 1 }]);
    expect(log.at(-1)).to.include({ msg: 'message dead-lettered; the consumer goes on with the next one' });
  });

  it('dead-letters an unclassified failure after the policy’s number of attempts, saying so', async () => {
    const error = new TypeError('cannot read properties of undefined');
    const { deps, calls } = harness([error, error, error, error]);
    expect(await deliverMessage(deps)).to.equal('dead-lettered');
    expect(calls.attempts).to.equal(3);
    expect(calls.deadLetters).to.deep.equal([{ error, classification: 'unclassified', attempts: 3 }]);
  });

  it('keeps trying the dead-letter publish while the broker does not take it, and only then goes on', async () => {
    let publishes = 0;
    const { deps, calls } = harness([undecodable()], {
      deadLetter: () => {
        publishes += 1;
        return publishes < 3 ? Promise.reject(new Error('broker away')) : Promise.resolve();
      },
    });
    expect(await deliverMessage(deps)).to.equal('dead-lettered');
    expect(publishes).to.equal(3);
    expect(calls.attempts).to.equal(1);
  });

  it('lets go of the message, uncommitted, when a rebalance took the partition away', async () => {
    // As kafkajs builds it from its error-code table (its type declaration only admits an Error).
    const rebalance = new KafkaJSProtocolError({
      message: 'The group is rebalancing',
      type: 'REBALANCE_IN_PROGRESS',
      code: 27,
      retriable: false,
    } as unknown as Error);
    const { deps, calls } = harness([outage(), outage(), outage()], {
      heartbeat: () => Promise.reject(rebalance),
    });
    const thrown = await deliverMessage(deps).catch((e: unknown) => e);
    expect(thrown).to.equal(rebalance);
    expect(calls.attempts).to.equal(1);
    expect(calls.deadLetters).to.deep.equal([]);
  });

  it('goes on retrying when a heartbeat fails for another reason (the broker is away)', async () => {
    const { deps, calls } = harness([outage(), outage()], {
      heartbeat: () => Promise.reject(new Error('Connection error')),
    });
    expect(await deliverMessage(deps)).to.equal('handled');
    expect(calls.attempts).to.equal(3);
  });

  it('stops retrying promptly when the consumer is being disconnected, without dead-lettering', async () => {
    const stopping = new AbortController();
    const { deps, calls } = harness(Array.from({ length: 100 }, outage), {
      stopping: stopping.signal,
      attempt: () => {
        calls.attempts += 1;
        if (calls.attempts === 2) stopping.abort();
        return Promise.reject(outage());
      },
    });
    const thrown = await deliverMessage(deps).catch((e: unknown) => e);
    expect(thrown).to.be.instanceOf(ConsumerStoppingError);
    expect(calls.attempts).to.equal(2);
    expect(calls.deadLetters).to.deep.equal([]);
  });

  it('does not dead-letter a permanent failure seen while stopping: the next owner decides', async () => {
    const stopping = new AbortController();
    stopping.abort();
    const { deps, calls } = harness([undecodable()], {
      stopping: stopping.signal,
      attempt: () => Promise.reject(undecodable()),
    });
    const thrown = await deliverMessage(deps).catch((e: unknown) => e);
    expect(thrown).to.be.instanceOf(ConsumerStoppingError);
    expect(calls.deadLetters).to.deep.equal([]);
  });
});
