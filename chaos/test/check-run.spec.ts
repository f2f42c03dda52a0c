import { expect } from 'chai';
import { checkRun, formatReport, type Fault, type FaultKind } from '../src/checker/index.ts';
import { find, healthyRun } from './support/healthy-run.ts';

/** The faults of one kind, as `subject: message` lines, for readable failures. */
function faultsOf(faults: readonly Fault[], kind: FaultKind): string[] {
  return faults.filter((f) => f.kind === kind).map((f) => `${f.subject}: ${f.message}`);
}

describe('checkRun', () => {
  it('finds nothing wrong in a run where every order ended as its inputs allow', () => {
    const { inputs, snapshot } = healthyRun();
    const report = checkRun(inputs, snapshot);
    expect(report.faults).to.deep.equal([]);
    expect(report.ok).to.equal(true);
    expect(report.orders).to.equal(5);
    expect(report.outcomes).to.deep.equal({
      CONFIRMED: 1,
      'CANCELLED:OUT_OF_STOCK': 1,
      'CANCELLED:PAYMENT_DECLINED': 1,
      'CANCELLED:ACCOUNT_NOT_FOUND': 1,
      'CANCELLED:SKU_NOT_FOUND': 1,
    });
  });

  it('accepts a cancelled order whose charge was refunded once', () => {
    const { inputs, snapshot } = healthyRun();
    const alice = find(snapshot.accounts, (a) => a.customerId === 'alice');
    alice.charges.push({ orderId: 'o-2', amountMinor: 500 });
    alice.refunds.push({ orderId: 'o-2', amountMinor: 500 });
    alice.charged += 500;
    alice.refunded += 500;
    expect(checkRun(inputs, snapshot).faults).to.deep.equal([]);
  });

  describe('lost orders', () => {
    it('reports an order the API accepted that the database does not hold', () => {
      const { inputs, snapshot } = healthyRun();
      inputs.accepted.push('o-ghost');
      const report = checkRun(inputs, snapshot);
      expect(faultsOf(report.faults, 'lost')).to.deep.equal([
        'o-ghost: accepted by the API (202) but not in the order database',
      ]);
      expect(report.outcomes.LOST).to.equal(1);
    });

    it('reports an order still PENDING, whose saga never ended', () => {
      const { inputs, snapshot } = healthyRun();
      const order = find(snapshot.orders, (o) => o.orderId === 'o-2');
      order.status = 'PENDING';
      order.cancelReason = null;
      const saga = find(snapshot.sagas, (s) => s.orderId === 'o-2');
      saga.status = 'RUNNING';
      saga.history = saga.history.slice(0, 2);
      saga.version = 0;
      const lost = faultsOf(checkRun(inputs, snapshot).faults, 'lost');
      expect(lost).to.include('o-2: still PENDING after the drain (saga RUNNING)');
      expect(lost).to.include('o-2: saga saga-o-2: still RUNNING after the drain');
    });

    it('reports an order whose order.created never left its outbox, so no saga began', () => {
      const { inputs, snapshot } = healthyRun();
      snapshot.orders.push({
        orderId: 'o-6',
        customerId: 'alice',
        status: 'PENDING',
        cancelReason: null,
        total: null,
        items: [{ sku: 'A', quantity: 1 }],
        outboxSize: 1,
        returns: [],
      });
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'lost')).to.deep.equal([
        'o-6: its 1 outbox message(s) were never published',
        'o-6: no saga was ever started (order is PENDING)',
        'o-6: still PENDING after the drain',
      ]);
    });

    it('reports a saga that gave up and waits for a person', () => {
      const { inputs, snapshot } = healthyRun();
      find(snapshot.sagas, (s) => s.orderId === 'o-3').status = 'NEEDS_ATTENTION';
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'lost')).to.deep.equal([
        'o-3: saga saga-o-3: NEEDS_ATTENTION after the drain: it gave up on a step and waits for a person to retry it',
      ]);
    });

    it('reports a payment a crash left half done', () => {
      const { inputs, snapshot } = healthyRun();
      find(snapshot.payments, (p) => p.orderId === 'o-3').status = 'PENDING';
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'lost')).to.deep.equal([
        'o-3: payment left PENDING',
      ]);
    });
  });

  describe('duplicated side effects', () => {
    it('reports an order charged twice, and the money it took too much', () => {
      const { inputs, snapshot } = healthyRun();
      const alice = find(snapshot.accounts, (a) => a.customerId === 'alice');
      alice.charges.push({ orderId: 'o-1', amountMinor: 2000 });
      alice.charged = 4000;
      alice.balance = 6000;
      const report = checkRun(inputs, snapshot);
      expect(faultsOf(report.faults, 'duplicated')).to.deep.equal(['o-1: charged 2 times']);
      expect(faultsOf(report.faults, 'conservation')).to.deep.equal([
        'alice: kept 4000, but the confirmed orders cost 2000',
      ]);
    });

    it('reports two sagas for one order', () => {
      const { inputs, snapshot } = healthyRun();
      const saga = find(snapshot.sagas, (s) => s.orderId === 'o-2');
      snapshot.sagas.push({ ...structuredClone(saga), sagaId: 'saga-o-2-bis' });
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'duplicated')).to.deep.equal([
        'o-2: 2 sagas for one order',
      ]);
    });

    it('reports stock committed twice, even though the counters still add up', () => {
      const { inputs, snapshot } = healthyRun();
      const a = find(snapshot.stocks, (s) => s.sku === 'A');
      a.available = 6;
      a.sold = 4;
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'conservation')).to.deep.equal([
        'A: sold 4, but the confirmed orders bought 2',
      ]);
    });

    it('reports a refund applied twice', () => {
      const { inputs, snapshot } = healthyRun();
      const alice = find(snapshot.accounts, (a) => a.customerId === 'alice');
      alice.charges.push({ orderId: 'o-2', amountMinor: 500 });
      alice.refunds.push({ orderId: 'o-2', amountMinor: 500 }, { orderId: 'o-2', amountMinor: 500 });
      alice.charged += 500;
      alice.refunded += 1000;
      alice.balance += 500;
      const report = checkRun(inputs, snapshot);
      expect(faultsOf(report.faults, 'duplicated')).to.deep.equal([
        'o-2: refunded 2 times',
        'o-2: refunded more often than charged',
      ]);
      expect(faultsOf(report.faults, 'conservation')).to.deep.equal([
        'alice: kept 1500, but the confirmed orders cost 2000',
      ]);
    });

    it('reports a reply the saga applied twice', () => {
      const { inputs, snapshot } = healthyRun();
      const saga = find(snapshot.sagas, (s) => s.orderId === 'o-1');
      const reply = saga.history[2]!;
      saga.history.splice(3, 0, { ...reply });
      saga.version = 4;
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'duplicated')).to.deep.equal([
        'o-1: saga saga-o-1: one reply applied twice',
      ]);
    });
  });

  describe('unexpected outcomes', () => {
    it('reports an order CONFIRMED with no charge', () => {
      const { inputs, snapshot } = healthyRun();
      const alice = find(snapshot.accounts, (a) => a.customerId === 'alice');
      alice.charges = [];
      alice.charged = 0;
      alice.balance = 10_000;
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'unexpected')).to.deep.equal([
        'o-1: CONFIRMED with no charge',
      ]);
    });

    it('reports an order CONFIRMED at a price other than the catalogue’s (as if the caller had set it), though the money balances', () => {
      const { inputs, snapshot } = healthyRun();
      // Charged, kept and recorded 2 × 1.00 for A, which the catalogue sells at 10.00.
      find(snapshot.orders, (o) => o.orderId === 'o-1').total = 200;
      find(snapshot.payments, (p) => p.orderId === 'o-1').amountMinor = 200;
      const alice = find(snapshot.accounts, (a) => a.customerId === 'alice');
      alice.charges = [{ orderId: 'o-1', amountMinor: 200 }];
      alice.charged = 200;
      alice.balance = 9800;
      const report = checkRun(inputs, snapshot);
      expect(faultsOf(report.faults, 'unexpected')).to.deep.equal([
        'o-1: CONFIRMED with 200 kept for a catalogue total of 2000',
        'o-1: CONFIRMED recording a total of 200, but the catalogue prices come to 2000',
      ]);
      expect(faultsOf(report.faults, 'conservation')).to.deep.equal([
        'alice: kept 200, but the confirmed orders cost 2000',
      ]);
    });

    it('reports an order CANCELLED but charged without a refund', () => {
      const { inputs, snapshot } = healthyRun();
      const bob = find(snapshot.accounts, (a) => a.customerId === 'bob');
      bob.charges.push({ orderId: 'o-3', amountMinor: 100 });
      bob.charged = 100;
      bob.balance = 0;
      find(snapshot.payments, (p) => p.orderId === 'o-3').status = 'SUCCEEDED';
      const report = checkRun(inputs, snapshot);
      expect(faultsOf(report.faults, 'unexpected')).to.deep.equal([
        'o-3: CANCELLED but charged 100 and refunded 0',
        'o-3: CANCELLED with payment SUCCEEDED and no refund',
      ]);
      expect(faultsOf(report.faults, 'conservation')).to.deep.equal([
        'bob: kept 100, but the confirmed orders cost 0',
      ]);
    });

    it('reports an order cancelled with its stock still held', () => {
      const { inputs, snapshot } = healthyRun();
      const a = find(snapshot.stocks, (s) => s.sku === 'A');
      a.available = 7;
      a.reserved = 1;
      a.holds.push({ orderId: 'o-3', quantity: 1 });
      find(snapshot.reservations, (r) => r.orderId === 'o-3').status = 'RESERVED';
      const report = checkRun(inputs, snapshot);
      expect(faultsOf(report.faults, 'unexpected')).to.deep.equal([
        'o-3: CANCELLED with its reservation still RESERVED',
        'o-3: CANCELLED with stock still held on A',
      ]);
      expect(faultsOf(report.faults, 'conservation')).to.deep.equal([
        'A: 1 units still reserved after every order ended',
      ]);
    });

    it('reports a cancel reason the inputs do not allow', () => {
      const { inputs, snapshot } = healthyRun();
      find(snapshot.orders, (o) => o.orderId === 'o-5').cancelReason = 'PAYMENT_DECLINED';
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'unexpected')).to.deep.equal([
        'o-5: CANCELLED for PAYMENT_DECLINED, which the inputs do not allow (only SKU_NOT_FOUND, INVENTORY_TIMED_OUT)',
      ]);
    });

    it('reports an order CONFIRMED for a customer without an account', () => {
      const { inputs, snapshot } = healthyRun();
      const order = find(snapshot.orders, (o) => o.orderId === 'o-4');
      order.status = 'CONFIRMED';
      order.cancelReason = null;
      const unexpected = faultsOf(checkRun(inputs, snapshot).faults, 'unexpected');
      expect(unexpected[0]).to.equal('o-4: CONFIRMED although customer carol has no account');
    });
  });

  describe('conservation', () => {
    it('reports units that appeared from nowhere', () => {
      const { inputs, snapshot } = healthyRun();
      find(snapshot.stocks, (s) => s.sku === 'A').available = 9;
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'conservation')).to.deep.equal([
        'A: available 9 + reserved 0 + sold 2 = 11, but 10 were put in',
      ]);
    });

    it('reports money that vanished', () => {
      const { inputs, snapshot } = healthyRun();
      find(snapshot.accounts, (a) => a.customerId === 'bob').balance = 50;
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'conservation')).to.deep.equal([
        'bob: balance 50 + charged 0 − refunded 0 = 50, but it started with 100',
      ]);
    });
  });

  describe('saga histories', () => {
    it('reports a command sent before the step it depends on', () => {
      const { inputs, snapshot } = healthyRun();
      const saga = find(snapshot.sagas, (s) => s.orderId === 'o-1');
      const [reserve, payment] = [saga.history[1]!, saga.history[3]!];
      saga.history[1] = { ...payment, at: reserve.at };
      saga.history[3] = { ...reserve, at: payment.at };
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'history')).to.deep.equal([
        'o-1: saga saga-o-1: sent payment.request before inventory.reserve',
      ]);
    });

    it('reports a command sent after the saga ended', () => {
      const { inputs, snapshot } = healthyRun();
      const saga = find(snapshot.sagas, (s) => s.orderId === 'o-2');
      saga.history.push({ direction: 'SENT', topic: 'payment.request', messageId: 'late', at: 2e12 });
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'history')).to.deep.equal([
        'o-2: saga saga-o-2: sent payment.request after the saga had ended',
        'o-2: saga saga-o-2: sent payment.request after compensation or the end began',
      ]);
    });

    it('lets a late release or refund go out after the end', () => {
      const { inputs, snapshot } = healthyRun();
      const saga = find(snapshot.sagas, (s) => s.orderId === 'o-2');
      saga.history.push(
        { direction: 'SENT', topic: 'inventory.release', messageId: 'late-release', at: 2e12 },
        { direction: 'SENT', topic: 'payment.refund', messageId: 'late-refund', at: 2e12 },
      );
      expect(checkRun(inputs, snapshot).faults).to.deep.equal([]);
    });

    it('accepts an order cancelled because inventory never answered', () => {
      const { inputs, snapshot } = healthyRun();
      find(snapshot.orders, (o) => o.orderId === 'o-2').cancelReason = 'INVENTORY_TIMED_OUT';
      expect(checkRun(inputs, snapshot).faults).to.deep.equal([]);
    });

    it('accepts a saga that gave up on an unanswered step, and counts the deadline as an update', () => {
      const { inputs, snapshot } = healthyRun();
      find(snapshot.orders, (o) => o.orderId === 'o-2').cancelReason = 'INVENTORY_TIMED_OUT';
      const saga = find(snapshot.sagas, (s) => s.orderId === 'o-2');
      const t = saga.history[1]!.at;
      saga.history = [
        ...saga.history.slice(0, 2),
        { direction: 'TIMEOUT', topic: '', messageId: '', at: t + 1, status: 'RUNNING' },
        { direction: 'SENT', topic: 'inventory.reserve', messageId: 'again', at: t + 1 },
        { direction: 'TIMEOUT', topic: '', messageId: '', at: t + 2, status: 'CANCELLING' },
        { direction: 'SENT', topic: 'order.cancel', messageId: 'cancel', at: t + 2 },
        {
          direction: 'RECEIVED',
          topic: 'order.cancelled',
          messageId: 'ack',
          at: t + 3,
          outcome: 'APPLIED',
          status: 'CANCELLED',
        },
      ];
      saga.steps[0]!.status = 'TIMED_OUT';
      saga.version = 3;
      expect(checkRun(inputs, snapshot).faults).to.deep.equal([]);
    });

    it('accepts the order told its outcome again by a deadline, until it acknowledged it', () => {
      const { inputs, snapshot } = healthyRun();
      const saga = find(snapshot.sagas, (s) => s.orderId === 'o-2');
      const [ack] = saga.history.splice(-1);
      const t = saga.history.at(-1)!.at;
      saga.history.push(
        { direction: 'TIMEOUT', topic: '', messageId: '', at: t + 1, status: 'CANCELLING' },
        { direction: 'SENT', topic: 'order.cancel', messageId: 'cancel-again', at: t + 1 },
        { ...ack!, at: t + 2 },
      );
      saga.version += 1;
      expect(checkRun(inputs, snapshot).faults).to.deep.equal([]);
    });

    it('reports a saga that told the order two outcomes', () => {
      const { inputs, snapshot } = healthyRun();
      const saga = find(snapshot.sagas, (s) => s.orderId === 'o-2');
      saga.history.splice(-1, 0, {
        direction: 'SENT',
        topic: 'order.confirm',
        messageId: 'wrong',
        at: saga.history.at(-1)!.at,
      });
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'duplicated')).to.deep.equal([
        'o-2: saga saga-o-2: told the order two outcomes (order.cancel, then order.confirm)',
      ]);
    });

    it('reports a saga that ended without the order’s acknowledgement, and one still awaiting it after the drain', () => {
      const { inputs, snapshot } = healthyRun();
      const ended = find(snapshot.sagas, (s) => s.orderId === 'o-1');
      ended.history.splice(-1);
      ended.version -= 1;
      const awaiting = find(snapshot.sagas, (s) => s.orderId === 'o-2');
      awaiting.history.splice(-1);
      awaiting.version -= 1;
      awaiting.status = 'CANCELLING';
      const faults = checkRun(inputs, snapshot).faults;
      expect(faultsOf(faults, 'history')).to.deep.equal([
        "o-1: saga saga-o-1: COMPLETED without the order's acknowledgement (order.confirmed) of order.confirm",
      ]);
      expect(faultsOf(faults, 'lost')).to.deep.equal([
        'o-2: saga saga-o-2: still CANCELLING after the drain',
      ]);
    });

    it('reports a late compensation that was never confirmed', () => {
      const { inputs, snapshot } = healthyRun();
      find(snapshot.sagas, (s) => s.orderId === 'o-2').steps[0]!.status = 'COMPENSATING';
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'lost')).to.deep.equal([
        'o-2: saga saga-o-2: a late compensation was never confirmed (reserveInventory=COMPENSATING, processPayment=PENDING, commitInventory=PENDING)',
      ]);
    });

    it('reports a version that does not count the receptions', () => {
      const { inputs, snapshot } = healthyRun();
      find(snapshot.sagas, (s) => s.orderId === 'o-1').version = 2;
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'history')).to.deep.equal([
        'o-1: saga saga-o-1: version 2 after 5 recorded updates (expected 4)',
      ]);
    });

    it('reports a saga whose end contradicts its order', () => {
      const { inputs, snapshot } = healthyRun();
      const saga = find(snapshot.sagas, (s) => s.orderId === 'o-2');
      saga.status = 'COMPLETED';
      const history = faultsOf(checkRun(inputs, snapshot).faults, 'history');
      expect(history).to.include('o-2: saga saga-o-2: COMPLETED but its order is CANCELLED');
      expect(history).to.include('o-2: saga saga-o-2: sent order.cancel but ended COMPLETED');
    });

    it('reports steps that are not the definition’s, in its order', () => {
      const { inputs, snapshot } = healthyRun();
      const saga = find(snapshot.sagas, (s) => s.orderId === 'o-1');
      saga.steps.reverse();
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'history')).to.deep.equal([
        "o-1: saga saga-o-1: steps [commitInventory, processPayment, reserveInventory] are not the definition's [reserveInventory, processPayment, commitInventory]",
      ]);
    });

    it('reports history entries out of time order', () => {
      const { inputs, snapshot } = healthyRun();
      const saga = find(snapshot.sagas, (s) => s.orderId === 'o-1');
      saga.history[4] = { ...saga.history[4]!, at: 0 };
      expect(faultsOf(checkRun(inputs, snapshot).faults, 'history')).to.deep.equal([
        'o-1: saga saga-o-1: entry 4 (RECEIVED payment.success) is older than the one before it',
      ]);
    });
  });

  describe('formatReport', () => {
    it('prints the outcomes, a count per kind, and each fault', () => {
      const { inputs, snapshot } = healthyRun();
      inputs.accepted.push('o-ghost');
      expect(formatReport(checkRun(inputs, snapshot))).to.deep.equal([
        'orders judged: 6 (CANCELLED:ACCOUNT_NOT_FOUND 1, CANCELLED:OUT_OF_STOCK 1, CANCELLED:PAYMENT_DECLINED 1, CANCELLED:SKU_NOT_FOUND 1, CONFIRMED 1, LOST 1)',
        'returns judged: 0 (none)',
        'lost: 1, duplicated: 0, unexpected: 0, conservation: 0, history: 0',
        '  LOST o-ghost: accepted by the API (202) but not in the order database',
      ]);
    });
  });
});
