import { expect } from 'chai';
import { loadConfig } from '@saga/config';
import { NamespaceNames, TestNamespaceError } from '../src/index.ts';

describe('NamespaceNames', () => {
  it('prefixes topics with the suite and the id, in characters KAFKA_TOPIC_PREFIX accepts', () => {
    const names = new NamespaceNames('Inventory Service: reserve!', '1f2e3d4c');
    expect(names.prefix).to.equal('test.inventory-service-reserve.1f2e3d4c.');
    expect(loadConfig({ KAFKA_TOPIC_PREFIX: names.prefix }).kafka.topicPrefix).to.equal(names.prefix);
  });

  it('names consumer groups with the same prefix, so that the namespace finds them all again', () => {
    expect(new NamespaceNames('payment', '1f2e3d4c').groupId('payment-service')).to.equal(
      'test.payment.1f2e3d4c.payment-service',
    );
  });

  it('names databases in characters every store accepts, within 63 of them', () => {
    const names = new NamespaceNames('orchestrator', '1f2e3d4c');
    expect(names.dbName('orchestrator-service')).to.equal('test_orchestrator_1f2e3d4c_orchestrator_service');
    expect(new NamespaceNames('x'.repeat(80), '1f2e3d4c').dbName('y'.repeat(80))).to.have.length(63);
  });

  it('gives every namespace an id of its own', () => {
    expect(new NamespaceNames('inventory').prefix).not.to.equal(new NamespaceNames('inventory').prefix);
  });

  it('refuses a suite name without letters or digits', () => {
    expect(() => new NamespaceNames('--'))
      .to.throw(TestNamespaceError)
      .with.property('code', 'SUITE_NAME_INVALID');
  });
});
