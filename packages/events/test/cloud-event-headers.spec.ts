import { expect } from 'chai';
import { fromHeaders, toHeaders, type EventMetadata } from '../src/cloud-event-headers.ts';

describe('CloudEvents Kafka headers', () => {
  const meta: EventMetadata = {
    id: 'c0ffee00-0000-4000-8000-000000000001',
    type: 'io.saga.order.OrderCreated',
    source: '/services/order-service',
    time: new Date('2026-11-27T10:00:00.000Z'),
    specversion: '1.0',
    traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    subject: 'order-1',
  };

  it('writes the binding’s ce_ attributes, the content type and traceparent', () => {
    expect(toHeaders(meta)).to.deep.equal({
      ce_specversion: '1.0',
      ce_id: meta.id,
      ce_type: meta.type,
      ce_source: meta.source,
      ce_time: '2026-11-27T10:00:00.000Z',
      ce_subject: 'order-1',
      'content-type': 'application/avro',
      traceparent: meta.traceparent,
    });
  });

  it('reads back what it wrote, from Kafka’s Buffer header values', () => {
    const raw = Object.fromEntries(Object.entries(toHeaders(meta)).map(([k, v]) => [k, Buffer.from(v)]));
    expect(fromHeaders(raw)).to.deep.equal({ meta, problems: [] });
  });

  it('names every missing attribute instead of guessing', () => {
    const { meta: read, problems } = fromHeaders({ ce_id: Buffer.from('x') });
    expect(read).to.equal(undefined);
    expect(problems).to.deep.equal([
      'missing header ce_type',
      'missing header ce_source',
      'missing header ce_time',
      'missing header ce_specversion',
    ]);
  });

  it('rejects a malformed time and an unknown spec version', () => {
    const headers = { ...toHeaders(meta), ce_time: 'yesterday', ce_specversion: '0.3' };
    expect(fromHeaders(headers).problems).to.deep.equal([
      'ce_time is not a timestamp: yesterday',
      'unsupported ce_specversion 0.3',
    ]);
  });
});
