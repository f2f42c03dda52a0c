import { expect } from 'chai';
import type { SagaDocument } from '../../src/model/saga-document.ts';
import { awaitOutboxDrained } from '../../src/saga-manager/index.ts';

const withOutbox = (version: number, pending: number) =>
  ({
    _id: 'saga-1',
    version,
    outbox: Array.from({ length: pending }, () => ({})),
  }) as unknown as SagaDocument;

describe('awaitOutboxDrained', () => {
  const policy = { timeoutMs: 1000, pollMs: 1 };
  const wait = () => Promise.resolve();

  it('returns a saga with an empty outbox at once, reading and nudging nothing', async () => {
    const saga = withOutbox(1, 0);
    let nudged = 0;
    const result = await awaitOutboxDrained(saga, {
      reload: () => Promise.reject(new Error('must not reload')),
      nudge: () => nudged++,
      policy,
      wait,
    });
    expect(result).to.deep.equal({ document: saga, drained: true });
    expect(nudged).to.equal(0);
  });

  it('nudges the relay and returns the saga as reloaded once its outbox is empty', async () => {
    const reads = [withOutbox(1, 1), withOutbox(2, 0)];
    let nudged = 0;
    const result = await awaitOutboxDrained(withOutbox(1, 1), {
      reload: () => Promise.resolve(reads.shift() ?? null),
      nudge: () => nudged++,
      policy,
      wait,
    });
    expect(result.drained).to.equal(true);
    expect(result.document?.version).to.equal(2);
    expect(nudged).to.equal(1);
  });

  it('gives up after the timeout, returning the latest read', async () => {
    const result = await awaitOutboxDrained(withOutbox(1, 2), {
      reload: () => Promise.resolve(withOutbox(1, 1)),
      nudge: () => undefined,
      policy: { timeoutMs: 30, pollMs: 5 },
    });
    expect(result.drained).to.equal(false);
    expect(result.document?.outbox).to.have.length(1);
  });

  it('does not wait at all with a timeout of 0', async () => {
    let reloads = 0;
    const result = await awaitOutboxDrained(withOutbox(1, 1), {
      reload: () => {
        reloads++;
        return Promise.resolve(null);
      },
      nudge: () => undefined,
      policy: { timeoutMs: 0, pollMs: 5 },
    });
    expect(result.drained).to.equal(false);
    expect(reloads).to.equal(0);
  });
});
