import { expect } from 'chai';
import { TopicNamespace } from '../src/index.ts';

describe('TopicNamespace', () => {
  const namespace = new TopicNamespace('test.inventory.1f2e3d4c.');

  it('puts a logical topic on the broker behind the prefix', () => {
    expect(namespace.physical('inventory.reserve')).to.equal('test.inventory.1f2e3d4c.inventory.reserve');
  });

  it('puts a dead-letter topic behind the prefix too: the suffix stays last', () => {
    expect(namespace.physical('inventory.reserve.dlq')).to.equal(
      'test.inventory.1f2e3d4c.inventory.reserve.dlq',
    );
  });

  it('reads a broker topic of the namespace back as the logical topic', () => {
    expect(namespace.logical('test.inventory.1f2e3d4c.inventory.reserve')).to.equal('inventory.reserve');
  });

  it('has no logical name for a broker topic outside the namespace', () => {
    expect(namespace.logical('inventory.reserve')).to.equal(undefined);
    expect(namespace.logical('test.payment.99999999.inventory.reserve')).to.equal(undefined);
  });

  it('without a prefix, is the identity: the running stack names its topics as the code does', () => {
    const none = new TopicNamespace();
    expect(none.physical('order.created')).to.equal('order.created');
    expect(none.logical('order.created')).to.equal('order.created');
  });
});
