import { expect } from 'chai';
import type { CancelReason, TopicMessageMap } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import { defineSaga } from '@saga/saga-engine';
import type { SagaDocument } from '@saga/saga-runtime';
import { decideReply, newSagaDocument } from '@saga/saga-runtime';
import { orderSaga, startOrderSaga, type OrderSagaData } from '../../src/saga/index.ts';
import { delivery, replyFor, traceId } from '../support/deliveries.ts';

const order = topicSamples['order.created'];
const sagaId = 'c7d2e0a4-5b6f-4c1d-9e8a-7b6c5d4e3f21';
const ids = { orderId: order.orderId, sagaId };
const now = new Date('2025-03-04T10:00:05.000Z');

function started(): SagaDocument<OrderSagaData, CancelReason> {
  const decision = startOrderSaga(order, { sagaId, now });
  return newSagaDocument({
    sagaId,
    key: { name: 'orderId', value: order.orderId },
    decision,
    received: { topic: 'order.created', messageId: 'created-1' },
    outbox: [],
    now,
  });
}

describe('decideReply', () => {
  it('turns the engine’s commands into outbox entries keyed by the order, in the reply’s trace', () => {
    const decision = decideReply({
      definition: orderSaga,
      before: started(),
      reply: replyFor('inventory.reserved', ids),
      delivery: delivery('reserved-1'),
      now,
    });

    expect(decision.reception).to.deep.equal({ kind: 'APPLIED', step: 'reserveInventory', reply: 'SUCCESS' });
    expect(decision.status).to.equal('RUNNING');
    expect(decision.outbox).to.have.length(1);
    expect(decision.outbox[0]).to.include({ topic: 'payment.request', key: order.orderId });
    expect(decision.outbox[0]?.traceparent.split('-')[1]).to.equal(traceId);
    // The outbox entries go to the runtime beside the update, which appends them in the same write.
    expect(decision.update.$push).to.not.have.property('outbox');
  });

  it('writes a refusal when the engine says the stored saga is broken', () => {
    const decision = decideReply({
      definition: orderSaga,
      before: { ...started(), steps: [] },
      reply: replyFor('inventory.reserved', ids),
      delivery: delivery('reserved-1'),
      now,
    });

    expect(decision.reception).to.include({ kind: 'REJECTED', code: 'STEPS_CHANGED' });
    expect(decision.status).to.equal('RUNNING');
    expect(decision.outbox).to.deep.equal([]);
    expect(decision.update.$set).to.deep.equal({ updatedAt: now });
  });

  it('throws an error without the non-retriable flag, for the message to be delivered again', () => {
    const broken = defineSaga<TopicMessageMap, OrderSagaData, CancelReason>({
      ...orderSaga,
      steps: [
        {
          ...orderSaga.steps[0]!,
          onSuccess: {
            'inventory.reserved': () => {
              throw new TypeError('a bug in the definition');
            },
          },
        },
        ...orderSaga.steps.slice(1),
      ],
    });

    expect(() =>
      decideReply({
        definition: broken,
        before: started(),
        reply: replyFor('inventory.reserved', ids),
        delivery: delivery(),
        now,
      }),
    ).to.throw(TypeError, 'a bug in the definition');
  });
});
