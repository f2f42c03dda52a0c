import { expect } from 'chai';
import { topicSamples } from '@saga/contracts/testing';
import {
  appendToOutbox,
  combineUpdates,
  ConflictingUpdateError,
  markProcessed,
  outboxEntry,
} from '../src/index.ts';

describe('combineUpdates', () => {
  it('merges fragments operator by operator, keeping both $push where spreading would drop one', () => {
    const entry = outboxEntry('order.created', 'o', topicSamples['order.created']);
    expect(
      combineUpdates({ $set: { status: 'paid' } }, markProcessed('m-1'), appendToOutbox(entry)),
    ).to.deep.equal({
      $set: { status: 'paid', outboxPending: true },
      $push: { processedMessageIds: 'm-1', outbox: { $each: [entry] } },
    });
  });

  it('refuses two fragments that set the same field with the same operator', () => {
    expect(() => combineUpdates({ $set: { a: 1 } }, { $set: { a: 2 } }))
      .to.throw(ConflictingUpdateError)
      .with.property('code', 'CONFLICTING_UPDATE');
  });

  it('refuses a plain field where an operator belongs', () => {
    expect(() => combineUpdates({ status: 'paid' })).to.throw(TypeError, /not an update operator/);
  });
});
