import { expect } from 'chai';
import type { TopicMessageMap, TopicName } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import {
  handle,
  handleTimeout,
  isWalkOver,
  nextDeadline,
  retrySaga,
  SagaNotRetriableError,
  type SagaReply,
} from '@saga/saga-engine';
import {
  commitInventoryPolicy,
  paymentStepPolicy,
  releaseInventoryPolicy,
  reserveInventoryPolicy,
  settleOrderPolicy,
} from '../../src/saga/order-saga-policies.ts';
import { orderSaga, startOrderSaga, type OrderSagaState } from '../../src/saga/index.ts';

const order = topicSamples['order.created'];
const { orderId } = order;
const total = topicSamples['inventory.reserved'].total!;
const { sagaId } = topicSamples['inventory.reserve'];
const { reservationId } = topicSamples['inventory.reserved'];
const { paymentId } = topicSamples['payment.success'];
const now = new Date('2025-03-04T10:00:00.000Z');

function reply(topic: TopicName): SagaReply<TopicMessageMap> {
  return { topic, message: topicSamples[topic] } as SagaReply<TopicMessageMap>;
}

const inventoryReserved = reply('inventory.reserved');
const paymentSucceeded = reply('payment.success');
const paymentRefunded = reply('payment.refunded');
const inventoryReleased = reply('inventory.released');
const inventoryCompleted = reply('inventory.completed');
const orderConfirmed = reply('order.confirmed');
const orderCancelled = reply('order.cancelled');

/** The order saga after these replies, all received at `now`. */
function given(...replies: SagaReply<TopicMessageMap>[]): OrderSagaState {
  let { state } = startOrderSaga(order, { sagaId, now });
  for (const next of replies) state = handle(orderSaga, state, next, { now }).state;
  return state;
}

/**
 * Lets the saga's deadlines pass, one after the other (jitter at its middle), while `until` says
 * not yet; returns the commands each sent and the state it ends in.
 */
function deadlinesPass(state: OrderSagaState, until: (state: OrderSagaState) => boolean) {
  const sent: string[] = [];
  const times: number[] = [];
  let current = state;
  while (!until(current)) {
    const due = nextDeadline(current);
    if (due === null) throw new Error('no deadline left, and the saga is not where the test expects');
    const transition = handleTimeout(orderSaga, current, { now: due, random: () => 0.5 });
    sent.push(...transition.actions.map((action) => action.topic));
    times.push(due.getTime());
    current = transition.state;
  }
  return { state: current, sent, times };
}

/** The walk is over: the saga's outcome is decided (and sent to the order service). */
const ended = (state: OrderSagaState) => isWalkOver(state.status);
const stopped = (state: OrderSagaState) => state.status === 'NEEDS_ATTENTION';

describe('the order saga’s deadlines', () => {
  describe('inventory.reserve unanswered', () => {
    it('is sent again by the reserve policy, waiting twice as long each time', () => {
      const { sent, times } = deadlinesPass(given(), (state) => state.status !== 'RUNNING');

      expect(sent.slice(0, 2)).to.deep.equal(['inventory.reserve', 'inventory.reserve']);
      expect(times.map((time) => time - now.getTime())).to.deep.equal([30_000, 90_000, 210_000]);
      expect(reserveInventoryPolicy.maxAttempts).to.equal(3);
    });

    it('then cancels the order INVENTORY_TIMED_OUT, releasing nothing (nothing was reported held)', () => {
      const { state, sent } = deadlinesPass(given(), ended);

      expect(sent).to.deep.equal(['inventory.reserve', 'inventory.reserve', 'order.cancel']);
      expect(state.status).to.equal('CANCELLING');
      expect(state.failureReason).to.equal('INVENTORY_TIMED_OUT');
      expect(state.data.cancelDetail).to.equal('inventory did not answer 3 reservation requests');
      expect(state.steps.map((step) => step.status)).to.deep.equal(['TIMED_OUT', 'PENDING', 'PENDING']);
    });

    it('and a reservation reported late is released', () => {
      const { state: cancelled } = deadlinesPass(given(), ended);

      const { actions, outcome, state } = handle(orderSaga, cancelled, inventoryReserved, { now });

      expect(outcome).to.deep.equal({ kind: 'APPLIED', step: 'reserveInventory', reply: 'LATE_SUCCESS' });
      expect(actions).to.deep.equal([
        {
          topic: 'inventory.release',
          value: { orderId, sagaId, reservationId, reason: 'INVENTORY_TIMED_OUT', requestedAt: now },
        },
      ]);
      expect(state.status).to.equal('CANCELLING');
    });
  });

  describe('payment.request unanswered', () => {
    const processingPayment = () => given(inventoryReserved);

    it('is sent again by the payment policy, then releases the stock and cancels PAYMENT_TIMED_OUT', () => {
      const { state: compensating, sent } = deadlinesPass(processingPayment(), (s) => s.status !== 'RUNNING');
      const cancelled = handle(orderSaga, compensating, inventoryReleased, { now });

      expect(sent).to.deep.equal(['payment.request', 'payment.request', 'inventory.release']);
      expect(paymentStepPolicy.maxAttempts).to.equal(3);
      expect(cancelled.actions).to.deep.equal([
        {
          topic: 'order.cancel',
          value: {
            orderId,
            sagaId,
            reason: 'PAYMENT_TIMED_OUT',
            detail: 'payment did not answer 3 payment requests',
            cancelledAt: now,
          },
        },
      ]);
    });

    it('and a payment.success that comes after the cancellation is refunded, once, then recorded refunded', () => {
      const { state: compensating } = deadlinesPass(processingPayment(), (s) => s.status !== 'RUNNING');
      const cancelling = handle(orderSaga, compensating, inventoryReleased, { now }).state;
      const cancelled = handle(orderSaga, cancelling, orderCancelled, { now }).state;

      const refunding = handle(orderSaga, cancelled, paymentSucceeded, { now });
      expect(refunding.outcome).to.deep.equal({
        kind: 'APPLIED',
        step: 'processPayment',
        reply: 'LATE_SUCCESS',
      });
      expect(refunding.actions).to.deep.equal([
        { topic: 'payment.refund', value: { orderId, sagaId, paymentId, amount: total, requestedAt: now } },
      ]);
      expect(refunding.state.status).to.equal('CANCELLED');

      const repeated = handle(orderSaga, refunding.state, paymentSucceeded, { now });
      expect(repeated.actions).to.deep.equal([]);
      expect(repeated.outcome).to.include({ kind: 'IGNORED', reason: 'DUPLICATE' });

      const refunded = handle(orderSaga, refunding.state, paymentRefunded, { now });
      expect(refunded.outcome).to.deep.equal({
        kind: 'APPLIED',
        step: 'processPayment',
        reply: 'COMPENSATED',
      });
      expect(refunded.state.status).to.equal('CANCELLED');
      expect(refunded.state.steps[1]?.status).to.equal('COMPENSATED');
      expect(refunded.deadlineAt).to.equal(null);

      const afterRefund = handle(orderSaga, refunded.state, paymentSucceeded, { now });
      expect(afterRefund.actions).to.deep.equal([]);
      expect(afterRefund.outcome).to.include({ kind: 'IGNORED', reason: 'DUPLICATE' });
    });

    it('and a payment.failed that comes after the time-out is ignored as LATE', () => {
      const { state: compensating } = deadlinesPass(processingPayment(), (s) => s.status !== 'RUNNING');

      const { state, outcome } = handle(orderSaga, compensating, reply('payment.failed'), { now });

      expect(state).to.equal(compensating);
      expect(outcome).to.include({ kind: 'IGNORED', reason: 'LATE' });
    });
  });

  describe('inventory.commit unanswered', () => {
    const committing = () => given(inventoryReserved, paymentSucceeded);

    it('is never given up on, as the customer has paid: the saga needs attention', () => {
      const { state, sent } = deadlinesPass(committing(), stopped);

      expect(sent).to.deep.equal(Array(commitInventoryPolicy.maxAttempts - 1).fill('inventory.commit'));
      expect(state.attention).to.deep.include({ step: 2, reason: 'STEP_TIMED_OUT', resumeStatus: 'RUNNING' });
      expect(nextDeadline(state)).to.equal(null);
    });

    it('is re-driven by a retry, which sends the commit again and counts afresh', () => {
      const { state: needsAttention } = deadlinesPass(committing(), stopped);

      const retried = retrySaga(orderSaga, needsAttention, { now });

      expect(retried.actions.map((action) => action.topic)).to.deep.equal(['inventory.commit']);
      expect(retried.state.status).to.equal('RUNNING');
      expect(retried.state.steps[2]).to.include({
        attempts: 1,
        deadlineAt: now.getTime() + commitInventoryPolicy.deadlineMs,
      });
      const completed = handle(orderSaga, retried.state, inventoryCompleted, { now });
      expect(completed.actions.map((action) => action.topic)).to.deep.equal(['order.confirm']);
    });
  });

  describe('inventory.release unanswered', () => {
    it('is sent again by the release policy, then the saga needs attention: an undo cannot be skipped', () => {
      const releasing = given(inventoryReserved, reply('payment.failed'));

      const { state, sent } = deadlinesPass(releasing, stopped);

      expect(sent).to.deep.equal(Array(releaseInventoryPolicy.maxAttempts - 1).fill('inventory.release'));
      expect(state.attention).to.deep.equal({
        step: 0,
        reason: 'COMPENSATION_TIMED_OUT',
        detail: `no reply to "inventory.release" after ${releaseInventoryPolicy.maxAttempts} attempts: step "reserveInventory" may not be undone`,
        resumeStatus: 'COMPENSATING',
      });
    });
  });

  describe('order.confirm unacknowledged', () => {
    const completing = () => given(inventoryReserved, paymentSucceeded, inventoryCompleted);

    it('keeps the saga COMPLETING, sending order.confirm again by the settle policy', () => {
      const { sent, state } = deadlinesPass(completing(), (current) => current.status !== 'COMPLETING');

      expect(sent).to.deep.equal(Array(settleOrderPolicy.maxAttempts - 1).fill('order.confirm'));
      expect(state.status).to.equal('NEEDS_ATTENTION');
    });

    it('then needs attention, naming order.confirm and the acknowledgement it lacks', () => {
      const { state } = deadlinesPass(completing(), stopped);

      expect(state.attention).to.deep.equal({
        step: null,
        reason: 'FINAL_COMMAND_TIMED_OUT',
        detail: `no acknowledgement ("order.confirmed") of final command "order.confirm" after ${settleOrderPolicy.maxAttempts} attempts: the saga is complete, but its receiver may not know`,
        resumeStatus: 'COMPLETING',
      });
      expect(nextDeadline(state)).to.equal(null);
    });

    it('ends COMPLETED once order.confirmed comes, even after it needed attention', () => {
      expect(handle(orderSaga, completing(), orderConfirmed, { now }).state.status).to.equal('COMPLETED');
      const { state } = deadlinesPass(completing(), stopped);
      expect(handle(orderSaga, state, orderConfirmed, { now }).state).to.deep.include({
        status: 'COMPLETED',
        attention: null,
      });
    });
  });

  describe('order.cancel unacknowledged', () => {
    it('is sent again by the settle policy, then the saga needs attention; order.cancelled ends it', () => {
      const cancelling = given(reply('inventory.failed'));
      expect(cancelling.status).to.equal('CANCELLING');

      const { sent, state } = deadlinesPass(cancelling, stopped);

      expect(sent).to.deep.equal(Array(settleOrderPolicy.maxAttempts - 1).fill('order.cancel'));
      expect(state.attention).to.include({ reason: 'FINAL_COMMAND_TIMED_OUT', resumeStatus: 'CANCELLING' });
      expect(handle(orderSaga, state, orderCancelled, { now }).state.status).to.equal('CANCELLED');
    });
  });

  describe('a retry', () => {
    it('is refused for a saga that ended', () => {
      const completed = given(inventoryReserved, paymentSucceeded, inventoryCompleted, orderConfirmed);

      expect(() => retrySaga(orderSaga, completed, { now })).to.throw(SagaNotRetriableError, 'COMPLETED');
    });

    it('sends order.confirm again for a saga whose confirmation needs attention', () => {
      const { state } = deadlinesPass(
        given(inventoryReserved, paymentSucceeded, inventoryCompleted),
        stopped,
      );

      const retried = retrySaga(orderSaga, state, { now });

      expect(retried.actions.map((action) => action.topic)).to.deep.equal(['order.confirm']);
      expect(retried.state.status).to.equal('COMPLETING');
    });
  });
});
