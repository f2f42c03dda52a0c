import { expect } from 'chai';
import type { TopicMessageMap, TopicName } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import type { SagaReply } from '@saga/saga-engine';
import { sagaTopics } from '@saga/saga-runtime';
import { orderSagaBinding } from '../src/order-saga-binding.ts';
import { orderSaga, startOrderSaga } from '../src/saga/index.ts';

const order = topicSamples['order.created'];
const now = new Date('2025-03-04T10:00:00.000Z');

describe('the order saga’s binding', () => {
  it('runs the order saga, started by order.created, one saga per order id, its key named orderId', () => {
    expect(orderSagaBinding.definition).to.equal(orderSaga);
    expect(orderSagaBinding.start.topic).to.equal('order.created');
    expect(orderSagaBinding.key.name).to.equal('orderId');
    expect(orderSagaBinding.key.of(order)).to.equal(order.orderId);
  });

  it('gives a new saga the data startOrderSaga starts with', () => {
    const options = { sagaId: 'c7d2e0a4-5b6f-4c1d-9e8a-7b6c5d4e3f21', now };
    expect(orderSagaBinding.start.data(order, options)).to.deep.equal(
      startOrderSaga(order, options).state.data,
    );
  });

  it('finds the saga of every reply by the order id and saga id it carries', () => {
    for (const topic of orderSaga.replyTopics) {
      const message = topicSamples[topic as TopicName];
      const reply = { topic, message } as SagaReply<TopicMessageMap>;
      expect(orderSagaBinding.correlate(reply), topic).to.deep.equal({
        key: (message as { orderId: string }).orderId,
        sagaId: (message as { sagaId: string }).sagaId,
      });
    }
  });

  it('finds no saga for a message that names none', () => {
    expect(orderSagaBinding.correlate({ topic: 'order.created', message: order })).to.equal(undefined);
  });

  it('publishes every command the order saga can send, and consumes order.created and every reply', () => {
    expect(sagaTopics(orderSagaBinding)).to.deep.equal({
      publishes: [
        'inventory.reserve',
        'inventory.release',
        'payment.request',
        'payment.refund',
        'inventory.commit',
        'order.confirm',
        'order.cancel',
      ],
      consumes: ['order.created', ...orderSaga.replyTopics],
    });
    expect(sagaTopics(orderSagaBinding).consumes).to.have.length(10);
  });
});
