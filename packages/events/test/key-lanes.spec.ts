import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { runInKeyLanes } from '../src/key-lanes.ts';

interface Item {
  readonly key: string;
  readonly n: number;
}

const items = (...keys: string[]): Item[] => keys.map((key, n) => ({ key, n }));

describe('runInKeyLanes', () => {
  it('handles one key’s messages in the batch’s order, one after the other', async () => {
    const seen: number[] = [];
    let running = 0;
    const outcome = await runInKeyLanes(items('a', 'a', 'a', 'a'), {
      keyOf: (item) => item.key,
      limit: 8,
      run: async (item) => {
        running++;
        expect(running, 'two messages of one key at once').to.equal(1);
        await sleep(3 - (item.n % 3));
        seen.push(item.n);
        running--;
      },
      shouldContinue: () => true,
    });
    expect(seen).to.deep.equal([0, 1, 2, 3]);
    expect(outcome).to.deep.equal({ donePrefix: 4, failed: false });
  });

  it('handles different keys side by side, never more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const outcome = await runInKeyLanes(items('a', 'b', 'c', 'd', 'e', 'f'), {
      keyOf: (item) => item.key,
      limit: 3,
      run: async () => {
        running++;
        most = Math.max(most, running);
        await sleep(5);
        running--;
      },
      shouldContinue: () => true,
    });
    expect(most).to.equal(3);
    expect(outcome.donePrefix).to.equal(6);
  });

  it('after a failure starts nothing new, finishes what runs, and reports how far everything is done', async () => {
    const done: number[] = [];
    const outcome = await runInKeyLanes(items('a', 'b', 'a', 'c', 'b'), {
      keyOf: (item) => item.key,
      limit: 2,
      run: async (item) => {
        if (item.n === 1) throw new Error('b failed');
        await sleep(item.n === 0 ? 10 : 1);
        done.push(item.n);
      },
      shouldContinue: () => true,
    });
    expect(outcome.failed).to.equal(true);
    expect((outcome.error as Error).message).to.equal('b failed');
    // a's first message was running when b failed: it finishes; nothing after it starts.
    expect(done).to.deep.equal([0]);
    expect(outcome.donePrefix).to.equal(1);
  });

  it('stops starting messages once told to, without calling it a failure', async () => {
    let started = 0;
    const outcome = await runInKeyLanes(items('a', 'a', 'a'), {
      keyOf: (item) => item.key,
      limit: 1,
      run: () => {
        started++;
        return Promise.resolve();
      },
      shouldContinue: () => started < 2,
    });
    expect(started).to.equal(2);
    expect(outcome).to.deep.equal({ donePrefix: 2, failed: false });
  });
});
