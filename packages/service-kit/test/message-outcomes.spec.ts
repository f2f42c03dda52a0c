import { expect } from 'chai';
import { createMessageOutcomes } from '../src/runtime/message-outcomes.ts';

describe('createMessageOutcomes', () => {
  it('says applied when the handling applied its message', async () => {
    const outcomes = createMessageOutcomes();
    const outcome = await outcomes.watch('m1', () => {
      outcomes.record('m1', 'applied');
      return Promise.resolve();
    });
    expect(outcome).to.equal('applied');
  });

  it('says duplicate when every write found the message applied before', async () => {
    const outcomes = createMessageOutcomes();
    const outcome = await outcomes.watch('m1', () => {
      outcomes.record('m1', 'duplicate');
      outcomes.record('m1', 'duplicate');
      return Promise.resolve();
    });
    expect(outcome).to.equal('duplicate');
  });

  it('says applied when one write was new, even if another found it applied before', async () => {
    const outcomes = createMessageOutcomes();
    const outcome = await outcomes.watch('m1', () => {
      outcomes.record('m1', 'duplicate');
      outcomes.record('m1', 'applied');
      return Promise.resolve();
    });
    expect(outcome).to.equal('applied');
  });

  it('says applied for a handling that wrote nothing, and ignores reports of other messages', async () => {
    const outcomes = createMessageOutcomes();
    const outcome = await outcomes.watch('m1', () => {
      outcomes.record('m2', 'duplicate');
      return Promise.resolve();
    });
    expect(outcome).to.equal('applied');
    // An id nobody watches (an HTTP request's) leaves nothing behind.
    outcomes.record('m3', 'duplicate');
    expect(await outcomes.watch('m3', () => Promise.resolve())).to.equal('applied');
  });

  it('rejects as the handling does', async () => {
    const outcomes = createMessageOutcomes();
    let error: unknown;
    await outcomes
      .watch('m1', () => Promise.reject(new Error('store away')))
      .catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('store away');
  });
});
