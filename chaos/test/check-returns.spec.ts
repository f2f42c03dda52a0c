import { expect } from 'chai';
import { checkRun, type Fault, type FaultKind } from '../src/checker/index.ts';
import { find } from './support/healthy-run.ts';
import { completedReturnSaga, runWithReturns } from './support/run-with-returns.ts';

/** The faults of one kind, as `subject: message` lines, for readable failures. */
function faultsOf(faults: readonly Fault[], kind: FaultKind): string[] {
  return faults.filter((f) => f.kind === kind).map((f) => `${f.subject}: ${f.message}`);
}

describe('checkRun on returns', () => {
  it('finds nothing wrong when each return ended as its order allows, and counts how they ended', () => {
    const { inputs, snapshot } = runWithReturns();
    const report = checkRun(inputs, snapshot);
    expect(report.faults).to.deep.equal([]);
    expect(report.returns).to.equal(3);
    expect(report.returnOutcomes).to.deep.equal({
      COMPLETED: 1,
      'REJECTED:MORE_THAN_BOUGHT': 1,
      'REJECTED:ORDER_NOT_CONFIRMED': 1,
    });
  });

  describe('lost returns', () => {
    it('reports a return still REQUESTED after the drain, with its saga still running', () => {
      const { inputs, snapshot } = runWithReturns();
      const order = find(snapshot.orders, (o) => o.orderId === 'o-1');
      const ret = find(order.returns, (r) => r.returnId === 'r-2');
      ret.status = 'REQUESTED';
      ret.rejectReason = null;
      const saga = find(snapshot.sagas, (s) => s.returnId === 'r-2');
      saga.status = 'RUNNING';
      saga.history = saga.history.slice(0, 2);
      saga.version = 0;
      const report = checkRun(inputs, snapshot);
      expect(faultsOf(report.faults, 'lost')).to.deep.equal([
        'o-1: return r-2: still REQUESTED after the drain',
        'o-1: saga saga-r-2: still RUNNING after the drain',
      ]);
      expect(report.returnOutcomes.LOST).to.equal(1);
    });

    it('reports a return the API accepted that its order does not record', () => {
      const { inputs, snapshot } = runWithReturns();
      inputs.acceptedReturns.push({ orderId: 'o-1', returnId: 'r-ghost' });
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'lost')).to.deep.equal([
        'o-1: return r-ghost: accepted by the API (202) but not in its order',
      ]);
    });

    it('reports a return whose saga was never started', () => {
      const { inputs, snapshot } = runWithReturns();
      snapshot.sagas = snapshot.sagas.filter((s) => s.returnId !== 'r-3');
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'lost')).to.deep.equal([
        'o-2: return r-3: no saga was ever started (return is REJECTED)',
      ]);
    });

    it('reports a return saga that needs attention: no account is closed in a chaos run', () => {
      const { inputs, snapshot } = runWithReturns();
      const order = find(snapshot.orders, (o) => o.orderId === 'o-1');
      Object.assign(
        find(order.returns, (r) => r.returnId === 'r-1'),
        { status: 'APPROVED', refunded: null },
      );
      const saga = find(snapshot.sagas, (s) => s.returnId === 'r-1');
      saga.status = 'NEEDS_ATTENTION';
      saga.history = saga.history.slice(0, 6);
      saga.version = 2;
      saga.steps[2]!.status = 'ACTIVE';
      const alice = find(snapshot.accounts, (a) => a.customerId === 'alice');
      alice.refunds = [];
      alice.refunded = 0;
      alice.balance -= 1000;
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'lost')).to.deep.equal([
        'o-1: return r-1: still APPROVED after the drain',
        'o-1: saga saga-r-1: NEEDS_ATTENTION after the drain: it gave up on a step and waits for a person to retry it',
      ]);
    });
  });

  describe('what a completed return gave back', () => {
    it('reports a refund other than the lines at the catalogue prices, and the money it lost', () => {
      const { inputs, snapshot } = runWithReturns();
      const order = find(snapshot.orders, (o) => o.orderId === 'o-1');
      find(order.returns, (r) => r.returnId === 'r-1').refunded = 1500;
      const alice = find(snapshot.accounts, (a) => a.customerId === 'alice');
      alice.refunds[0]!.amountMinor = 1500;
      find(snapshot.payments, (p) => p.orderId === 'o-1').returnRefunds[0]!.amountMinor = 1500;
      alice.refunded += 500;
      alice.balance += 500;
      const report = checkRun(inputs, snapshot);
      expect(faultsOf(report.faults, 'unexpected')).to.deep.equal([
        'o-1: return r-1: COMPLETED recording 1500 refunded, but its lines cost 1000',
      ]);
      expect(faultsOf(report.faults, 'conservation')).to.deep.equal([
        'alice: kept 500, but the confirmed orders cost 2000 less 1000 for their completed returns',
      ]);
    });

    it('reports a completed return that was never refunded', () => {
      const { inputs, snapshot } = runWithReturns();
      const alice = find(snapshot.accounts, (a) => a.customerId === 'alice');
      alice.refunds = [];
      alice.refunded = 0;
      alice.balance -= 1000;
      const report = checkRun(inputs, snapshot);
      expect(faultsOf(report.faults, 'unexpected')).to.deep.equal([
        'o-1: return r-1: COMPLETED with no refund',
      ]);
      expect(faultsOf(report.faults, 'conservation')).to.deep.equal([
        'alice: kept 2000, but the confirmed orders cost 2000 less 1000 for their completed returns',
      ]);
    });

    it('reports a return refunded twice, and the money it gave away', () => {
      const { inputs, snapshot } = runWithReturns();
      const alice = find(snapshot.accounts, (a) => a.customerId === 'alice');
      alice.refunds.push({ orderId: 'o-1', amountMinor: 1000, returnId: 'r-1' });
      alice.refunded += 1000;
      alice.balance += 1000;
      const report = checkRun(inputs, snapshot);
      expect(faultsOf(report.faults, 'duplicated')).to.deep.equal(['o-1: return r-1: refunded 2 times']);
      expect(faultsOf(report.faults, 'unexpected')).to.deep.equal([
        'o-1: return r-1: COMPLETED recording 1000 refunded, but the ledger gave back 2000',
      ]);
      expect(faultsOf(report.faults, 'conservation')).to.deep.equal([
        'alice: kept 0, but the confirmed orders cost 2000 less 1000 for their completed returns',
      ]);
    });

    it('reports a payment that records one return’s refund twice', () => {
      const { inputs, snapshot } = runWithReturns();
      find(snapshot.payments, (p) => p.orderId === 'o-1').returnRefunds.push({
        returnId: 'r-1',
        amountMinor: 1000,
      });
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'duplicated')).to.deep.equal([
        'o-1: return r-1: its payment records 2 refunds of it',
      ]);
    });

    it('does not take a return’s refund for the order’s own: the order stays CONFIRMED and kept its charge', () => {
      const { inputs, snapshot } = runWithReturns();
      const report = checkRun(inputs, snapshot);
      expect(faultsOf(report.faults, 'unexpected')).to.deep.equal([]);
      expect(report.outcomes.CONFIRMED).to.equal(1);
    });
  });

  describe('stock taken back', () => {
    it('reports a completed return inventory never took back, and the units still counted sold', () => {
      const { inputs, snapshot } = runWithReturns();
      Object.assign(
        find(snapshot.stocks, (s) => s.sku === 'A'),
        {
          available: 8,
          sold: 2,
          restocks: [],
        },
      );
      const report = checkRun(inputs, snapshot);
      expect(faultsOf(report.faults, 'unexpected')).to.deep.equal([
        'o-1: return r-1: COMPLETED returning 1 × A, but inventory took back nothing',
      ]);
      expect(faultsOf(report.faults, 'conservation')).to.deep.equal([
        'A: sold 2, but the confirmed orders bought 2 and their completed returns took back 1',
        'A: restocked 0, but the completed returns took back 1',
      ]);
    });

    it('reports a return restocked twice, even though the counters still add up', () => {
      const { inputs, snapshot } = runWithReturns();
      const a = find(snapshot.stocks, (s) => s.sku === 'A');
      Object.assign(a, { available: 10, sold: 0 });
      a.restocks.push({ returnId: 'r-1', quantity: 1 });
      const report = checkRun(inputs, snapshot);
      expect(faultsOf(report.faults, 'duplicated')).to.deep.equal([
        'o-1: return r-1: restocked twice (A, A)',
      ]);
      expect(faultsOf(report.faults, 'conservation')).to.deep.equal([
        'A: sold 0, but the confirmed orders bought 2 and their completed returns took back 1',
        'A: restocked 2, but the completed returns took back 1',
      ]);
    });

    it('reports a restock left PENDING, its units moved but never answered', () => {
      const { inputs, snapshot } = runWithReturns();
      Object.assign(
        find(snapshot.restocks, (r) => r.returnId === 'r-1'),
        { status: 'PENDING', outboxSize: 1 },
      );
      const report = checkRun(inputs, snapshot);
      expect(faultsOf(report.faults, 'lost')).to.deep.equal([
        'o-1: return r-1: its restock was left PENDING',
        "o-1: return r-1: its restock's outbox holds 1 message(s)",
      ]);
      expect(faultsOf(report.faults, 'unexpected')).to.deep.equal([
        'o-1: return r-1: COMPLETED with its restock PENDING',
      ]);
    });

    it('reports units put back in available without the sale undone: units made from nothing', () => {
      const { inputs, snapshot } = runWithReturns();
      find(snapshot.stocks, (s) => s.sku === 'A').sold = 2;
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'conservation')).to.deep.equal([
        'A: available 9 + reserved 0 + sold 2 = 11, but 10 were put in',
        'A: sold 2, but the confirmed orders bought 2 and their completed returns took back 1',
      ]);
    });
  });

  describe('what a return may take back', () => {
    it('reports two returns that together take back more than the order bought', () => {
      const { inputs, snapshot } = runWithReturns();
      const order = find(snapshot.orders, (o) => o.orderId === 'o-1');
      Object.assign(
        find(order.returns, (r) => r.returnId === 'r-2'),
        {
          status: 'COMPLETED',
          refunded: 2000,
          rejectReason: null,
        },
      );
      const saga = completedReturnSaga('o-1', 'r-2', 1_750_000_200_000);
      snapshot.sagas = [...snapshot.sagas.filter((s) => s.returnId !== 'r-2'), saga];
      const a = find(snapshot.stocks, (s) => s.sku === 'A');
      Object.assign(a, { available: 11, sold: -1 });
      a.restocks.push({ returnId: 'r-2', quantity: 2 });
      snapshot.restocks.push({ returnId: 'r-2', orderId: 'o-1', status: 'DONE', outboxSize: 0 });
      find(snapshot.payments, (p) => p.orderId === 'o-1').returnRefunds.push({
        returnId: 'r-2',
        amountMinor: 2000,
      });
      const alice = find(snapshot.accounts, (acc) => acc.customerId === 'alice');
      alice.refunds.push({ orderId: 'o-1', amountMinor: 2000, returnId: 'r-2' });
      alice.refunded += 2000;
      alice.balance += 2000;
      const report = checkRun(inputs, snapshot);
      expect(faultsOf(report.faults, 'unexpected')).to.deep.equal([
        'o-1: its returns take back 3 × A, but it bought 2',
      ]);
      expect(faultsOf(report.faults, 'conservation')).to.include('A: a counter went negative');
    });

    it('reports a return rejected as more than bought although it fitted', () => {
      const { inputs, snapshot } = runWithReturns();
      const order = find(snapshot.orders, (o) => o.orderId === 'o-1');
      find(order.returns, (r) => r.returnId === 'r-2').items = [{ sku: 'A', quantity: 1 }];
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'unexpected')).to.deep.equal([
        'o-1: return r-2: REJECTED for MORE_THAN_BOUGHT, which the inputs do not allow (only APPROVAL_TIMED_OUT)',
      ]);
    });

    it('reports a return of a cancelled order that was completed', () => {
      const { inputs, snapshot } = runWithReturns();
      const order = find(snapshot.orders, (o) => o.orderId === 'o-2');
      Object.assign(
        find(order.returns, (r) => r.returnId === 'r-3'),
        {
          status: 'COMPLETED',
          refunded: 500,
          rejectReason: null,
        },
      );
      snapshot.sagas = [
        ...snapshot.sagas.filter((s) => s.returnId !== 'r-3'),
        completedReturnSaga('o-2', 'r-3', 1_750_000_200_000),
      ];
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'unexpected')).to.deep.equal([
        'o-2: return r-3: COMPLETED of an order CANCELLED',
        'o-2: return r-3: COMPLETED with no refund',
        'o-2: return r-3: COMPLETED but its payment records no refund of it',
        'o-2: return r-3: COMPLETED with its restock missing',
        'o-2: return r-3: COMPLETED returning 5 × B, but inventory took back nothing',
      ]);
    });
  });

  describe('a rejected return moves nothing', () => {
    it('reports a rejected return that was refunded and restocked', () => {
      const { inputs, snapshot } = runWithReturns();
      const alice = find(snapshot.accounts, (a) => a.customerId === 'alice');
      alice.refunds.push({ orderId: 'o-1', amountMinor: 2000, returnId: 'r-2' });
      alice.refunded += 2000;
      alice.balance += 2000;
      find(snapshot.payments, (p) => p.orderId === 'o-1').returnRefunds.push({
        returnId: 'r-2',
        amountMinor: 2000,
      });
      const a = find(snapshot.stocks, (s) => s.sku === 'A');
      Object.assign(a, { available: 11, sold: -1 });
      a.restocks.push({ returnId: 'r-2', quantity: 2 });
      snapshot.restocks.push({ returnId: 'r-2', orderId: 'o-1', status: 'DONE', outboxSize: 0 });
      const report = checkRun(inputs, snapshot);
      expect(faultsOf(report.faults, 'unexpected')).to.deep.equal([
        'o-1: return r-2: REJECTED but refunded 2000',
        'o-1: return r-2: REJECTED but its payment records a refund of it',
        'o-1: return r-2: REJECTED but inventory took back 2 × A',
        'o-1: return r-2: REJECTED with its restock DONE',
      ]);
      expect(faultsOf(report.faults, 'conservation')).to.deep.equal([
        'A: sold -1, but the confirmed orders bought 2 and their completed returns took back 1',
        'A: restocked 3, but the completed returns took back 1',
        'A: a counter went negative',
        'alice: kept -1000, but the confirmed orders cost 2000 less 1000 for their completed returns',
      ]);
    });
  });

  describe('return sagas', () => {
    it('reports a saga whose end contradicts its return', () => {
      const { inputs, snapshot } = runWithReturns();
      const order = find(snapshot.orders, (o) => o.orderId === 'o-1');
      find(order.returns, (r) => r.returnId === 'r-2').status = 'COMPLETED';
      const history = faultsOf(checkRun(inputs, snapshot).faults, 'history');
      expect(history).to.deep.equal(['o-1: saga saga-r-2: CANCELLED but its return is COMPLETED']);
    });

    it('reports two sagas for one return', () => {
      const { inputs, snapshot } = runWithReturns();
      const saga = find(snapshot.sagas, (s) => s.returnId === 'r-1');
      snapshot.sagas.push({ ...structuredClone(saga), sagaId: 'saga-r-1-bis' });
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'duplicated')).to.deep.equal([
        'o-1: return r-1: 2 sagas for one return',
      ]);
    });

    it('reports a refund sent before the restock it depends on', () => {
      const { inputs, snapshot } = runWithReturns();
      const saga = find(snapshot.sagas, (s) => s.returnId === 'r-1');
      const [restock, refund] = [saga.history[3]!, saga.history[5]!];
      saga.history[3] = { ...refund, at: restock.at };
      saga.history[5] = { ...restock, at: refund.at };
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'history')).to.include(
        'o-1: saga saga-r-1: sent payment.refund-return before inventory.restock',
      );
    });

    it('reports a saga of a definition the checker does not know', () => {
      const { inputs, snapshot } = runWithReturns();
      find(snapshot.sagas, (s) => s.returnId === 'r-1').saga = 'exchange';
      const report = checkRun(inputs, snapshot);
      expect(faultsOf(report.faults, 'unexpected')).to.deep.equal([
        'o-1: saga saga-r-1: of a definition none knows (exchange)',
      ]);
      expect(faultsOf(report.faults, 'lost')).to.deep.equal([
        'o-1: return r-1: no saga was ever started (return is COMPLETED)',
      ]);
    });
  });
});
