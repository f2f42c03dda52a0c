import { expect } from 'chai';
import { childTraceparent, isTraceparent } from '../src/trace-context.ts';

describe('trace context', () => {
  const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

  it('continues the parent’s trace with a new span', () => {
    const child = childTraceparent(parent);
    expect(isTraceparent(child)).to.equal(true);
    expect(child.split('-')[1]).to.equal('0af7651916cd43dd8448eb211c80319c');
    expect(child.split('-')[2]).not.to.equal('b7ad6b7169203331');
  });

  it('starts a new trace without a parent, or with a malformed one', () => {
    for (const start of [childTraceparent(), childTraceparent('garbage')]) {
      expect(isTraceparent(start)).to.equal(true);
      expect(start.split('-')[1]).not.to.equal('0af7651916cd43dd8448eb211c80319c');
    }
  });
});
