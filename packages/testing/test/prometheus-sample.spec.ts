import { expect } from 'chai';
import { prometheusSample } from '../src/index.ts';

describe('prometheusSample', () => {
  const text = [
    '# HELP messages_handled_total Consumed messages by outcome.',
    '# TYPE messages_handled_total counter',
    'messages_handled_total{topic="order.created",outcome="applied",service="a"} 3',
    'messages_handled_total{service="b",outcome="applied",topic="order.created"} 2',
    'messages_handled_total{topic="order.created",outcome="duplicate",service="a"} 1',
    'outbox_pending 4',
    'outbox_pending_other 9',
  ].join('\n');

  it('sums the samples whose labels include the ones given, in any order', () => {
    expect(prometheusSample(text, 'messages_handled_total', { outcome: 'applied' })).to.equal(5);
    expect(prometheusSample(text, 'messages_handled_total', { outcome: 'applied', service: 'b' })).to.equal(
      2,
    );
    expect(prometheusSample(text, 'messages_handled_total')).to.equal(6);
  });

  it('reads a sample without labels by its exact name, and is 0 for a metric not there', () => {
    expect(prometheusSample(text, 'outbox_pending')).to.equal(4);
    expect(prometheusSample(text, 'saga_started_total')).to.equal(0);
  });
});
