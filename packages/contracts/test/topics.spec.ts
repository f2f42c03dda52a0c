import { expect } from 'chai';
import { CancelReasonSymbols, Subjects, subjectOf, topicSchemas, Topics } from '../src/index.ts';

describe('generated topics', () => {
  it('name the thirty topics of the order and return sagas', () => {
    expect(Object.values(Topics)).to.have.length(30);
    expect(Topics.OrderCreated).to.equal('order.created');
    expect(Topics.InventoryCompleted).to.equal('inventory.completed');
    expect(Topics.OrderReturnRequested).to.equal('order.return-requested');
  });

  it('give each topic the subject `<topic>-value`, under the same key', () => {
    for (const [key, topic] of Object.entries(Topics)) {
      expect(Subjects[key as keyof typeof Subjects]).to.equal(`${topic}-value`);
      expect(subjectOf(topic)).to.equal(`${topic}-value`);
    }
  });

  it('hold a self-contained record schema for every topic', () => {
    expect(Object.keys(topicSchemas).sort()).to.deep.equal(Object.values(Topics).sort());
    expect(topicSchemas['order.created']).to.deep.include({
      type: 'record',
      name: 'OrderCreated',
      namespace: 'io.saga.order',
    });
  });

  it('list enum symbols in schema order, the default first', () => {
    expect(CancelReasonSymbols[0]).to.equal('UNKNOWN');
    expect(CancelReasonSymbols).to.include('OUT_OF_STOCK');
  });
});
