import { expect } from 'chai';
import { createLogger } from '@saga/logging';
import { runDeadlinePass, startDeadlineScheduler, type TimeoutResult } from '../../src/saga-manager/index.ts';

const silent = createLogger('deadline-scheduler-test', 'silent');
const now = new Date('2025-03-04T10:00:00.000Z');

/** A store that knows which sagas are due, and a manager that records what it is handed. */
function fakes(due: string[], failing: string[] = []) {
  const handled: string[] = [];
  const asked: { now: Date; limit: number }[] = [];
  return {
    handled,
    asked,
    store: {
      findDue: (at: Date, limit: number) => {
        asked.push({ now: at, limit });
        return Promise.resolve(due.slice(0, limit));
      },
    },
    handleTimeout: (sagaId: string): Promise<TimeoutResult> => {
      handled.push(sagaId);
      if (failing.includes(sagaId)) return Promise.reject(new Error('store unreachable'));
      return Promise.resolve({ kind: 'NOT_DUE', sagaId });
    },
  };
}

describe('a deadline pass', () => {
  it('hands every saga due to the manager, asking the store by the clock and the batch size', async () => {
    const { store, handleTimeout, handled, asked } = fakes(['a', 'b', 'c']);

    const count = await runDeadlinePass({ store, handleTimeout, logger: silent, now, batchSize: 2 });

    expect(count).to.equal(2);
    expect(handled).to.deep.equal(['a', 'b']);
    expect(asked).to.deep.equal([{ now, limit: 2 }]);
  });

  it('goes on with the other sagas when one fails', async () => {
    const { store, handleTimeout, handled } = fakes(['a', 'b'], ['a']);

    const count = await runDeadlinePass({ store, handleTimeout, logger: silent, now, batchSize: 10 });

    expect(handled).to.deep.equal(['a', 'b']);
    expect(count).to.equal(1);
  });

  it('stops handing sagas over once told to stop', async () => {
    const { store, handleTimeout, handled } = fakes(['a', 'b']);

    await runDeadlinePass({ store, handleTimeout, logger: silent, now, batchSize: 10, stopped: () => true });

    expect(handled).to.deep.equal([]);
  });
});

describe('the deadline scheduler', () => {
  it('runs a pass as soon as it starts (deadlines that fell due while the service was down), and stops', async () => {
    const { store, handled } = fakes(['a']);
    let first: () => void = () => undefined;
    const firstPass = new Promise<void>((resolve) => {
      first = resolve;
    });

    const scheduler = startDeadlineScheduler({
      store,
      handleTimeout: (sagaId) => {
        handled.push(sagaId);
        first();
        return Promise.resolve({ kind: 'NOT_DUE', sagaId });
      },
      logger: silent,
      policy: { intervalMs: 60_000, batchSize: 10 },
      now: () => now,
    });
    await firstPass;
    await scheduler.stop();

    expect(handled).to.deep.equal(['a']);
  });
});
