import { expect } from 'chai';
import type { CancelReason, TopicMessageMap, TopicName } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import type { MessageContext } from '@saga/events';
import type { SagaReply } from '@saga/saga-engine';
import { sagaHandlers } from '../../src/handlers/saga-handlers.ts';
import { orderSagaBinding } from '../../src/order-saga-binding.ts';
import type { Delivery, SagaManager } from '@saga/saga-runtime';
import type { OrderSagaData } from '../../src/saga/index.ts';

const context = { id: 'message-1', traceparent: 't' } as MessageContext;
type AnyHandler = (value: unknown, context: MessageContext) => Promise<void>;

/** A manager that only records what it is asked. */
function recordingManager() {
  const calls: { method: string; topic: string; value: unknown; delivery: Delivery }[] = [];
  const manager: SagaManager<TopicMessageMap, OrderSagaData, CancelReason, 'order.created'> = {
    binding: orderSagaBinding,
    start: (message, delivery) => {
      calls.push({ method: 'start', topic: 'order.created', value: message, delivery });
      return Promise.resolve({ kind: 'STARTED', sagaId: 's' });
    },
    handleReply: (reply: SagaReply<TopicMessageMap>, delivery) => {
      calls.push({ method: 'handleReply', topic: reply.topic, value: reply.message, delivery });
      return Promise.resolve({ kind: 'UNKNOWN_SAGA' });
    },
    handleTimeout: () => Promise.reject(new Error('handlers never apply deadlines')),
    retry: () => Promise.reject(new Error('handlers never retry')),
    compensate: () => Promise.reject(new Error('handlers never compensate')),
  };
  return { manager, calls };
}

describe('sagaHandlers', () => {
  it('has a handler for the starting topic and for every reply topic, and no other', () => {
    const handlers = sagaHandlers(recordingManager().manager);
    expect(Object.keys(handlers).sort()).to.deep.equal(
      ['order.created', ...orderSagaBinding.definition.replyTopics].sort(),
    );
  });

  it('starts a saga from the starting topic', async () => {
    const { manager, calls } = recordingManager();
    await sagaHandlers(manager)['order.created']?.(topicSamples['order.created'], context);
    expect(calls).to.deep.equal([
      { method: 'start', topic: 'order.created', value: topicSamples['order.created'], delivery: context },
    ]);
  });

  it('hands each reply to the manager with its topic and its delivery', async () => {
    const { manager, calls } = recordingManager();
    const handlers = sagaHandlers(manager) as Partial<Record<TopicName, AnyHandler>>;
    const replyTopics = orderSagaBinding.definition.replyTopics;
    for (const topic of replyTopics) await handlers[topic]?.(topicSamples[topic], context);
    expect(calls).to.deep.equal(
      replyTopics.map((topic) => ({
        method: 'handleReply',
        topic,
        value: topicSamples[topic],
        delivery: context,
      })),
    );
  });
});
