import { expect } from 'chai';
import { createLogger } from '@saga/logging';
import {
  runDeadlinePass,
  startDeadlineScheduler,
  type SagaDeadline,
  type TimeoutResult,
} from '../src/index.ts';

const silent = createLogger('deadline-scheduler-test', 'silent');
const now = new Date('2025-03-04T10:00:00.000Z');
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

/** A store that knows the sagas' deadlines (trip sagas unless said), and a manager that records what it is handed. */
function fakes(
  deadlines: { sagaId: string; saga?: string; key?: string; deadlineAt: Date }[],
  failing: string[] = [],
) {
  const handled: string[] = [];
  const definitions: string[] = [];
  const asked: number[] = [];
  const known: SagaDeadline[] = deadlines.map(({ saga = 'trip', key, ...rest }) => ({
    ...rest,
    saga,
    key: key ?? `key-${rest.sagaId}`,
  }));
  return {
    handled,
    definitions,
    asked,
    store: {
      findEarliestDeadlines: (limit: number) => {
        asked.push(limit);
        return Promise.resolve(known.slice(0, limit));
      },
    },
    handleTimeout: (sagaId: string, saga: string): Promise<TimeoutResult> => {
      handled.push(sagaId);
      definitions.push(saga);
      if (failing.includes(sagaId)) return Promise.reject(new Error('store unreachable'));
      return Promise.resolve({ kind: 'NOT_DUE', sagaId });
    },
  };
}

describe('a deadline pass', () => {
  it('hands the sagas whose deadline passed to the manager, and says when the next one falls', async () => {
    const { store, handleTimeout, handled, asked } = fakes([
      { sagaId: 'a', deadlineAt: at(-2_000) },
      { sagaId: 'b', deadlineAt: at(0) },
      { sagaId: 'c', deadlineAt: at(5_000) },
    ]);

    const pass = await runDeadlinePass({ store, handleTimeout, logger: silent, now, batchSize: 10 });

    expect(handled).to.deep.equal(['a', 'b']);
    expect(pass).to.deep.equal({ handled: 2, next: at(5_000), more: false });
    expect(asked).to.deep.equal([10]);
  });

  it('hands each saga over with its definition’s name, for the manager that runs it', async () => {
    const { store, handleTimeout, definitions } = fakes([
      { sagaId: 'a', saga: 'order', deadlineAt: at(-2) },
      { sagaId: 'b', saga: 'trip', deadlineAt: at(-1) },
    ]);

    await runDeadlinePass({ store, handleTimeout, logger: silent, now, batchSize: 10 });

    expect(definitions).to.deep.equal(['order', 'trip']);
  });

  it('says there may be more when the whole batch was due', async () => {
    const { store, handleTimeout } = fakes([
      { sagaId: 'a', deadlineAt: at(-2) },
      { sagaId: 'b', deadlineAt: at(-1) },
    ]);

    const pass = await runDeadlinePass({ store, handleTimeout, logger: silent, now, batchSize: 2 });

    expect(pass).to.deep.equal({ handled: 2, next: null, more: true });
  });

  it('goes on with the other sagas when one fails', async () => {
    const { store, handleTimeout, handled } = fakes(
      [
        { sagaId: 'a', deadlineAt: at(-1) },
        { sagaId: 'b', deadlineAt: at(-1) },
      ],
      ['a'],
    );

    const pass = await runDeadlinePass({ store, handleTimeout, logger: silent, now, batchSize: 10 });

    expect(handled).to.deep.equal(['a', 'b']);
    expect(pass.handled).to.equal(1);
  });

  it('hands over only the sagas whose key this replica owns, looking wider to find them', async () => {
    const { store, handleTimeout, handled, asked } = fakes([
      { sagaId: 'a', key: 'theirs', deadlineAt: at(-3) },
      { sagaId: 'b', key: 'mine', deadlineAt: at(-2) },
      { sagaId: 'c', key: 'mine', deadlineAt: at(5_000) },
    ]);

    const pass = await runDeadlinePass({
      store,
      handleTimeout,
      logger: silent,
      now,
      batchSize: 1,
      owns: (key) => key === 'mine',
    });

    expect(handled).to.deep.equal(['b']);
    expect(asked).to.deep.equal([4]);
    expect(pass).to.deep.equal({ handled: 1, next: null, more: true });
  });

  it('stops handing sagas over once told to stop', async () => {
    const { store, handleTimeout, handled } = fakes([{ sagaId: 'a', deadlineAt: at(-1) }]);

    await runDeadlinePass({ store, handleTimeout, logger: silent, now, batchSize: 10, stopped: () => true });

    expect(handled).to.deep.equal([]);
  });
});

describe('the deadline scheduler', () => {
  /** A scheduler over one saga due now, whose first hand-over resolves `firstPass`. */
  function started(policy = { minIntervalMs: 0, maxIntervalMs: 3_600_000, batchSize: 10 }) {
    const deadlines = [{ sagaId: 'a', saga: 'trip', key: 'trip-a', deadlineAt: new Date(Date.now() - 1) }];
    const handled: string[] = [];
    let passes: (() => void)[] = [];
    const handedOver = () =>
      new Promise<void>((resolve) => {
        passes.push(resolve);
      });
    const first = handedOver();
    const scheduler = startDeadlineScheduler({
      store: { findEarliestDeadlines: (limit) => Promise.resolve(deadlines.slice(0, limit)) },
      handleTimeout: (sagaId) => {
        handled.push(sagaId);
        const waiting = passes;
        passes = [];
        for (const resolve of waiting) resolve();
        // Applied: the saga has no deadline any more.
        deadlines.length = 0;
        return Promise.resolve({ kind: 'NOT_DUE', sagaId });
      },
      logger: silent,
      policy,
    });
    return { scheduler, handled, first, handedOver, deadlines };
  }

  it('runs a pass as soon as it starts (deadlines that fell due while the service was down), and stops', async () => {
    const { scheduler, handled, first } = started();

    await first;
    await scheduler.stop();

    expect(handled).to.deep.equal(['a']);
  });

  it('wakes for a deadline it is told of, rather than at its longest interval', async () => {
    const { scheduler, handled, first, handedOver, deadlines } = started();
    await first;
    const second = handedOver();

    deadlines.push({ sagaId: 'b', saga: 'trip', key: 'trip-b', deadlineAt: new Date(Date.now() - 1) });
    scheduler.notify(new Date(Date.now() - 1));
    await second;
    await scheduler.stop();

    expect(handled).to.deep.equal(['a', 'b']);
  });
});
