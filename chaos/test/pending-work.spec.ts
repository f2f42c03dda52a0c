import { expect } from 'chai';
import { pendingWork } from '../src/harness/read-snapshot.ts';
import { find } from './support/healthy-run.ts';
import { runWithReturns } from './support/run-with-returns.ts';

describe('pendingWork (what the drain waits for)', () => {
  it('finds nothing left in a run whose orders and returns all ended', () => {
    expect(pendingWork(runWithReturns().snapshot)).to.deep.equal({
      pendingOrders: 0,
      pendingReturns: 0,
      unsent: 0,
      unfinished: 0,
    });
  });

  it('waits for a return not yet ended, its saga, and its restock with its unsent reply', () => {
    const { snapshot } = runWithReturns();
    const order = find(snapshot.orders, (o) => o.orderId === 'o-1');
    find(order.returns, (r) => r.returnId === 'r-1').status = 'APPROVED';
    find(snapshot.sagas, (s) => s.returnId === 'r-1').status = 'RUNNING';
    Object.assign(
      find(snapshot.restocks, (r) => r.returnId === 'r-1'),
      { status: 'PENDING', outboxSize: 1 },
    );
    expect(pendingWork(snapshot)).to.deep.equal({
      pendingOrders: 0,
      pendingReturns: 1,
      unsent: 1,
      unfinished: 2,
    });
  });
});
