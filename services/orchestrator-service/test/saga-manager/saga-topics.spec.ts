import { expect } from 'chai';
import { orderSagaBinding } from '../../src/order-saga-binding.ts';
import { sagaTopics } from '@saga/saga-runtime';

describe('sagaTopics', () => {
  it('publishes every command the order saga can send, each once', () => {
    expect(sagaTopics(orderSagaBinding).publishes).to.deep.equal([
      'inventory.reserve',
      'inventory.release',
      'payment.request',
      'payment.refund',
      'inventory.commit',
      'order.confirm',
      'order.cancel',
    ]);
  });

  it('consumes the starting topic and every reply the saga awaits', () => {
    expect(sagaTopics(orderSagaBinding).consumes).to.deep.equal([
      'order.created',
      ...orderSagaBinding.definition.replyTopics,
    ]);
    expect(sagaTopics(orderSagaBinding).consumes).to.have.length(8);
  });
});
