import { expect } from 'chai';
import { isTopicName, Topics } from '../src/index.ts';

describe('isTopicName', () => {
  it('accepts every topic of the saga', () => {
    for (const topic of Object.values(Topics)) expect(isTopicName(topic), topic).to.equal(true);
  });

  it('refuses anything else, including a subject', () => {
    expect(isTopicName('order.deleted')).to.equal(false);
    expect(isTopicName('order.created-value')).to.equal(false);
    expect(isTopicName('')).to.equal(false);
  });
});
