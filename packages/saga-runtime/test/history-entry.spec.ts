import { expect } from 'chai';
import { topicSamples } from '@saga/contracts/testing';
import { outboxEntry } from '@saga/service-kit';
import { receivedEntry, retryEntry, sentEntries, timeoutEntry } from '../src/index.ts';

const at = new Date('2025-03-04T10:00:00.000Z');
const message = { topic: 'inventory.reserved', messageId: 'message-1' };
const base = { direction: 'RECEIVED', topic: 'inventory.reserved', messageId: 'message-1', at };

describe('receivedEntry', () => {
  it('records a starting message as STARTED', () => {
    expect(receivedEntry(message, { kind: 'STARTED' }, 'RUNNING', at)).to.deep.equal({
      ...base,
      outcome: 'STARTED',
      step: null,
      reply: null,
      reason: null,
      detail: null,
      status: 'RUNNING',
    });
  });

  it('records an applied reply with the step it settled and as what', () => {
    const applied = { kind: 'APPLIED', step: 'reserveInventory', reply: 'SUCCESS' } as const;
    expect(receivedEntry(message, applied, 'RUNNING', at)).to.deep.equal({
      ...base,
      outcome: 'APPLIED',
      step: 'reserveInventory',
      reply: 'SUCCESS',
      reason: null,
      detail: null,
      status: 'RUNNING',
    });
  });

  it('records an ignored reply with the engine’s reason and detail', () => {
    const ignored = { kind: 'IGNORED', reason: 'LATE', detail: 'the saga is COMPLETED' } as const;
    expect(receivedEntry(message, ignored, 'COMPLETED', at)).to.deep.equal({
      ...base,
      outcome: 'IGNORED',
      step: null,
      reply: null,
      reason: 'LATE',
      detail: 'the saga is COMPLETED',
      status: 'COMPLETED',
    });
  });

  it('records a refused reply with the error’s code and message', () => {
    const rejected = { kind: 'REJECTED', code: 'STEPS_CHANGED', detail: 'steps differ' } as const;
    expect(receivedEntry(message, rejected, 'RUNNING', at)).to.deep.include({
      outcome: 'REJECTED',
      reason: 'STEPS_CHANGED',
      detail: 'steps differ',
    });
  });
});

describe('sentEntries', () => {
  it('records each outbox entry by topic and message id, in order', () => {
    const entries = [
      outboxEntry('inventory.release', 'o', topicSamples['inventory.release']),
      outboxEntry('order.cancel', 'o', topicSamples['order.cancel']),
    ];
    expect(sentEntries(entries, at)).to.deep.equal([
      { direction: 'SENT', topic: 'inventory.release', messageId: entries[0]?.id, at },
      { direction: 'SENT', topic: 'order.cancel', messageId: entries[1]?.id, at },
    ]);
  });
});

describe('timeoutEntry', () => {
  it('records which step’s reply was overdue, after how many sends, and what the saga did', () => {
    const outcome = {
      kind: 'TIMED_OUT',
      step: 'processPayment',
      phase: 'COMMAND',
      attempts: 3,
      action: 'GAVE_UP',
    } as const;
    expect(timeoutEntry(outcome, 'COMPENSATING', at)).to.deep.equal({
      direction: 'TIMEOUT',
      at,
      step: 'processPayment',
      phase: 'COMMAND',
      attempts: 3,
      action: 'GAVE_UP',
      detail: null,
      status: 'COMPENSATING',
    });
  });

  it('records a refusal to decide as REJECTED, with the error’s code and message', () => {
    const rejected = { kind: 'REJECTED', code: 'STEPS_CHANGED', detail: 'steps differ' } as const;
    expect(timeoutEntry(rejected, 'RUNNING', at)).to.deep.include({
      action: 'REJECTED',
      detail: 'STEPS_CHANGED: steps differ',
      step: null,
    });
  });
});

describe('retryEntry', () => {
  it('records the steps whose commands were sent again', () => {
    expect(retryEntry(['commitInventory'], 'RUNNING', at)).to.deep.equal({
      direction: 'RETRY',
      at,
      steps: ['commitInventory'],
      status: 'RUNNING',
    });
  });
});
