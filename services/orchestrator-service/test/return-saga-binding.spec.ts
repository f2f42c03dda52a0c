import { expect } from 'chai';
import type { TopicMessageMap, TopicName } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import type { SagaReply } from '@saga/saga-engine';
import { sagaIdOf } from '@saga/saga-runtime';
import { returnSagaBinding } from '../src/return-saga-binding.ts';
import { returnSaga, startReturnSaga } from '../src/return-saga/index.ts';
import { bindingTopics, sagaBindings, withStepPolicies } from '../src/saga-bindings.ts';

const request = topicSamples['order.return-requested'];
const now = new Date('2025-03-04T10:00:00.000Z');

describe('the return saga’s binding', () => {
  it('runs the return saga, started by order.return-requested, keyed by the order, one saga per return', () => {
    expect(returnSagaBinding.definition).to.equal(returnSaga);
    expect(returnSagaBinding.start.topic).to.equal('order.return-requested');
    expect(returnSagaBinding.key.name).to.equal('orderId');
    expect(returnSagaBinding.key.of(request)).to.equal(request.orderId);
    expect(returnSagaBinding.key.instance?.(request)).to.equal(request.returnId);
  });

  it('gives each return of an order its own saga id, none the order saga’s', () => {
    const first = sagaIdOf('return', request.orderId, request.returnId);
    const second = sagaIdOf('return', request.orderId, 'a1b2c3d4-0000-4000-8000-000000000000');
    expect(first).to.not.equal(second);
    expect(first).to.not.equal(sagaIdOf('order', request.orderId));
  });

  it('gives a new saga the data startReturnSaga starts with', () => {
    const options = { sagaId: 'c7d2e0a4-5b6f-4c1d-9e8a-7b6c5d4e3f21', now };
    expect(returnSagaBinding.start.data(request, options)).to.deep.equal(
      startReturnSaga(request, options).state.data,
    );
  });

  it('finds the saga of every reply by the order id and saga id it carries', () => {
    for (const topic of returnSaga.replyTopics) {
      const message = topicSamples[topic as TopicName] as { orderId: string; sagaId: string };
      const reply = { topic, message } as SagaReply<TopicMessageMap>;
      expect(returnSagaBinding.correlate(reply), topic).to.deep.equal({
        key: message.orderId,
        sagaId: message.sagaId,
      });
    }
  });
});

describe('the orchestrator’s sagas', () => {
  it('are the order saga (the routes’ default) and the return saga', () => {
    expect(sagaBindings.map((binding) => binding.definition.name)).to.deep.equal(['order', 'return']);
  });

  it('consume each topic for one saga only, and publish every command of both', () => {
    const { publishes, consumes } = bindingTopics(sagaBindings);
    expect(consumes).to.include.members([
      'order.created',
      'order.return-requested',
      'payment.return-refunded',
    ]);
    expect(new Set(consumes).size).to.equal(consumes.length);
    expect(publishes).to.include.members(['inventory.reserve', 'inventory.restock', 'payment.refund-return']);
  });

  it('refuse two sagas consuming the same topic', () => {
    const [order] = sagaBindings;
    expect(() => bindingTopics([order!, order!])).to.throw(/both consume order.created/);
  });

  it('take other step policies by saga name, and refuse a saga they do not run', () => {
    const policy = {
      deadlineMs: 500,
      maxAttempts: 2,
      backoff: { multiplier: 1, maxDeadlineMs: 500, jitter: 0 },
    };
    const changed = withStepPolicies(sagaBindings, { return: { refundReturn: { command: policy } } });
    const refund = changed[1]?.definition.steps.find((step) => step.name === 'refundReturn');
    expect(refund?.policy).to.deep.include(policy);
    expect(changed[0]).to.equal(sagaBindings[0]);
    expect(() => withStepPolicies(sagaBindings, { trip: {} })).to.throw(/does not run/);
  });
});
