import { expect } from 'chai';
import type { TopicMessageMap, TopicName } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import {
  handle,
  handleTimeout,
  nextDeadline,
  retrySaga,
  type SagaAction,
  type SagaReply,
} from '@saga/saga-engine';
import { refundReturnPolicy } from '../../src/return-saga/return-saga-policies.ts';
import { returnSaga, startReturnSaga, type ReturnSagaState } from '../../src/return-saga/index.ts';

// Replies are the contracts' sample messages, which all name the same order, return and saga.
const request = topicSamples['order.return-requested'];
const { orderId, returnId, items } = request;
const { sagaId } = topicSamples['order.approve-return'];
const { pricedLines, refund } = topicSamples['order.return-approved'];
const { refundId } = topicSamples['payment.return-refunded'];
const now = new Date('2025-03-04T10:00:00.000Z');

function reply<T extends TopicName>(
  topic: T,
  changes: Partial<TopicMessageMap[T]> = {},
): SagaReply<TopicMessageMap> {
  return { topic, message: { ...topicSamples[topic], ...changes } } as SagaReply<TopicMessageMap>;
}

const approved = reply('order.return-approved');
const moreThanBought = reply('order.return-rejected', {
  reason: 'MORE_THAN_BOUGHT',
  detail: 'SKU-1: 3 returned, 2 bought',
});
const notConfirmed = reply('order.return-rejected', { reason: 'ORDER_NOT_CONFIRMED', detail: 'CANCELLED' });
const restocked = reply('inventory.restocked');
const unknownSku = reply('inventory.restock-failed', { reason: 'SKU_NOT_FOUND', unknownSkus: ['SKU-9'] });
const refunded = reply('payment.return-refunded');
const completed = reply('order.return-completed');
const cancelled = reply('order.return-cancelled');

/** Every command the saga sends from its start through these replies, and where it ends up. */
function run(...replies: SagaReply<TopicMessageMap>[]) {
  const started = startReturnSaga(request, { sagaId, now });
  const actions: SagaAction<TopicMessageMap>[] = [...started.actions];
  let { state } = started;
  for (const next of replies) {
    const transition = handle(returnSaga, state, next, { now });
    expect(transition.outcome.kind, `${next.topic} applies`).to.equal('APPLIED');
    actions.push(...transition.actions);
    state = transition.state;
  }
  return { actions, topics: actions.map((action) => action.topic), state };
}

/** Lets the saga's deadlines pass one after the other while `until` says not yet. */
function deadlinesPass(state: ReturnSagaState, until: (state: ReturnSagaState) => boolean) {
  const sent: string[] = [];
  let current = state;
  while (!until(current)) {
    const due = nextDeadline(current);
    if (due === null) throw new Error('no deadline left, and the saga is not where the test expects');
    const transition = handleTimeout(returnSaga, current, { now: due, random: () => 0.5 });
    sent.push(...transition.actions.map((action) => action.topic));
    current = transition.state;
  }
  return { sent, state: current };
}

describe('the return saga', () => {
  it('starts by asking the order service to approve the return', () => {
    const { actions, state } = run();
    expect(state.status).to.equal('RUNNING');
    expect(actions).to.deep.equal([
      {
        topic: 'order.approve-return',
        value: { orderId, sagaId, returnId, approvalRequestedAt: now },
      },
    ]);
  });

  it('approved, restocked and refunded: tells the order the return is COMPLETED with the refund, and ends once acknowledged', () => {
    const { actions, topics, state } = run(approved, restocked, refunded);
    expect(topics).to.deep.equal([
      'order.approve-return',
      'inventory.restock',
      'payment.refund-return',
      'order.complete-return',
    ]);
    expect(actions[1]?.value).to.deep.equal({ orderId, sagaId, returnId, items, requestedAt: now });
    // The refund is the approved lines at the prices charged, as the order service priced them.
    expect(actions[2]?.value).to.deep.equal({ orderId, sagaId, returnId, amount: refund, requestedAt: now });
    expect(actions[3]?.value).to.deep.equal({
      orderId,
      sagaId,
      returnId,
      refunded: refund,
      refundId,
      completedAt: now,
    });
    expect(state.status).to.equal('COMPLETING');
    expect(state.data).to.deep.include({ pricedLines, refund, refundId });
    const ended = handle(returnSaga, state, completed, { now });
    expect(ended.state.status).to.equal('COMPLETED');
  });

  for (const [why, rejection, reason] of [
    ['more than was bought', moreThanBought, 'MORE_THAN_BOUGHT'],
    ['an order that is not CONFIRMED', notConfirmed, 'ORDER_NOT_CONFIRMED'],
  ] as const) {
    it(`rejected (${why}): sends nothing to inventory or payment, and records the return REJECTED with the reason`, () => {
      const { actions, topics, state } = run(rejection);
      expect(topics).to.deep.equal(['order.approve-return', 'order.cancel-return']);
      expect(actions[1]?.value).to.deep.include({ orderId, sagaId, returnId, reason });
      expect(state.status).to.equal('CANCELLING');
      expect(handle(returnSaga, state, cancelled, { now }).state.status).to.equal('CANCELLED');
    });
  }

  it('restock failed: nothing is refunded, and the return is REJECTED RESTOCK_FAILED, naming the SKUs', () => {
    const { actions, topics, state } = run(approved, unknownSku);
    expect(topics).to.deep.equal(['order.approve-return', 'inventory.restock', 'order.cancel-return']);
    expect(actions[2]?.value).to.deep.include({
      reason: 'RESTOCK_FAILED',
      detail: 'inventory holds no stock of: SKU-9',
    });
    expect(state.status).to.equal('CANCELLING');
    expect(state.failureReason).to.equal('RESTOCK_FAILED');
  });

  it('approval unanswered: re-sent, then the return is REJECTED APPROVAL_TIMED_OUT', () => {
    const { state } = run();
    const passed = deadlinesPass(state, (s) => s.status !== 'RUNNING');
    expect(passed.sent).to.deep.equal([
      'order.approve-return',
      'order.approve-return',
      'order.cancel-return',
    ]);
    expect(passed.state.failureReason).to.equal('APPROVAL_TIMED_OUT');
  });

  it('restock unanswered: re-sent, then NEEDS_ATTENTION, never a guess either way', () => {
    const { state } = run(approved);
    const passed = deadlinesPass(state, (s) => s.status === 'NEEDS_ATTENTION');
    expect(passed.sent.every((topic) => topic === 'inventory.restock')).to.equal(true);
    expect(passed.state.attention?.step).to.equal(1);
  });

  it('a refund to a closed account (payment does not answer): re-sent by its policy, then NEEDS_ATTENTION, not cancelled', () => {
    const { state } = run(approved, restocked);
    const passed = deadlinesPass(state, (s) => s.status === 'NEEDS_ATTENTION');
    expect(passed.sent).to.deep.equal(
      Array.from({ length: refundReturnPolicy.maxAttempts - 1 }, () => 'payment.refund-return'),
    );
    expect(passed.state.attention?.step).to.equal(2);
    expect(passed.state.failureReason).to.equal(null);
  });

  it('retried after the account is reopened: sends the refund again, and completes on its reply', () => {
    const { state } = run(approved, restocked);
    const stopped = deadlinesPass(state, (s) => s.status === 'NEEDS_ATTENTION').state;
    const retried = retrySaga(returnSaga, stopped, { now });
    expect(retried.actions.map((action) => action.topic)).to.deep.equal(['payment.refund-return']);
    expect(retried.state.status).to.equal('RUNNING');
    const paid = handle(returnSaga, retried.state, refunded, { now });
    expect(paid.actions.map((action) => action.topic)).to.deep.equal(['order.complete-return']);
    expect(handle(returnSaga, paid.state, completed, { now }).state.status).to.equal('COMPLETED');
  });

  it('consumes only its own topics, none of the order saga’s', () => {
    expect(returnSaga.replyTopics).to.have.members([
      'order.return-approved',
      'order.return-rejected',
      'inventory.restocked',
      'inventory.restock-failed',
      'payment.return-refunded',
      'order.return-completed',
      'order.return-cancelled',
    ]);
  });
});
