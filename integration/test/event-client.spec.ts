import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { loadConfig } from '@saga/config';
import { Topics, topicSchemas, type TopicMessageMap, type TopicName } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import {
  createEventClient,
  isTraceparent,
  MessageDecodeError,
  SchemaNotRegisteredError,
  type EventMetadata,
  type MessageContext,
} from '@saga/events';
import { createLogger } from '@saga/logging';

/**
 * The typed event client against the real broker and registry: what one service publishes,
 * another decodes to the same typed value, with its CloudEvents metadata.
 */
describe('event client', function () {
  this.timeout(120_000);
  const config = loadConfig();
  const logger = createLogger('event-client-test', 'warn');
  const allTopics = Object.values(Topics);

  it('publishes and consumes a typed message on every topic through the registry', async () => {
    const producer = createEventClient({ config, service: 'test-producer', logger });
    const consumer = createEventClient({ config, service: 'test-consumer', logger });
    const sent = new Map<string, { topic: TopicName; meta: EventMetadata }>();
    const received = new Map<string, { value: unknown; context: MessageContext }>();

    for (const topic of allTopics) {
      consumer.subscribe(topic, (value, context) => {
        // Kept whatever it is: a message may arrive before its publish call has returned its id.
        received.set(context.id, { value, context });
        return Promise.resolve();
      });
    }
    try {
      await producer.connect({ publishes: allTopics });
      await consumer.start(`event-client-test-${randomUUID()}`);
      const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
      for (const topic of allTopics) {
        const publish = <T extends TopicName>(t: T, value: TopicMessageMap[T]) =>
          producer.publish(t, 'order-key-1', value, { causedBy: { traceparent: parent } });
        const meta = await publish(topic, topicSamples[topic]);
        sent.set(meta.id, { topic, meta });
      }
      while (![...sent.keys()].every((id) => received.has(id))) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }

    expect(sent.size).to.equal(allTopics.length);
    for (const id of sent.keys()) {
      const { value, context } = received.get(id)!;
      const topic = context.topic as TopicName;
      expect(value, topic).to.deep.equal(topicSamples[topic]);
      expect(context.id).to.equal(id);
      expect(context.key).to.equal('order-key-1');
      expect(context.source).to.equal('/services/test-producer');
      expect(context.specversion).to.equal('1.0');
      expect(context.type).to.equal(
        `${(topicSchemas[topic] as { namespace: string }).namespace}.${(topicSchemas[topic] as { name: string }).name}`,
      );
      expect(isTraceparent(context.traceparent)).to.equal(true);
      expect(context.traceparent.split('-')[1]).to.equal('0af7651916cd43dd8448eb211c80319c');
    }
  });

  it('refuses to start a publisher whose schema is not registered, naming the subject and the command to run', async () => {
    const drifted = {
      ...(topicSchemas['order.created'] as { fields: object[] }),
      fields: [
        ...(topicSchemas['order.created'] as { fields: object[] }).fields,
        { name: 'unregistered', type: 'string', doc: 'Exists only in this test.' },
      ],
    };
    const client = createEventClient({
      config,
      service: 'test-drifted',
      logger,
      schemas: { 'order.created': drifted },
    });
    const error = await client.connect({ publishes: ['order.created'] }).catch((e: unknown) => e);
    await client.disconnect();
    expect(error).to.be.instanceOf(SchemaNotRegisteredError);
    expect((error as Error).message)
      .to.contain('order.created-value')
      .and.contain('npm run schemas:register');
  });

  it('rejects a value that does not fit its topic’s schema before anything is sent', async () => {
    const client = createEventClient({ config, service: 'test-invalid', logger });
    await client.connect({ publishes: ['order.confirm'] });
    try {
      const invalid = {
        ...topicSamples['order.confirm'],
        orderId: 42,
      } as unknown as TopicMessageMap['order.confirm'];
      const error = await client.publish('order.confirm', 'k', invalid).catch((e: unknown) => e);
      expect((error as { code?: string }).code).to.equal('MESSAGE_INVALID');
      expect((error as Error).message).to.contain('orderId');
    } finally {
      await client.disconnect();
    }
  });

  it('names why bytes do not decode: too short, wrong magic byte, unknown schema id', async () => {
    const client = createEventClient({ config, service: 'test-decode', logger });
    await client.connect({ publishes: [], consumes: ['order.created'] });
    const headers = {
      ce_id: 'x',
      ce_type: 't',
      ce_source: '/s',
      ce_time: new Date().toISOString(),
      ce_specversion: '1.0',
    };
    const decode = (value: Buffer) =>
      client
        .decodeMessage('order.created', 0, {
          key: null,
          value,
          headers,
          offset: '0',
          timestamp: '0',
          attributes: 0,
        })
        .catch((e: unknown) => e);
    const unknownId = Buffer.alloc(9);
    unknownId.writeInt32BE(2_000_000_000, 1);
    const reasons = [
      await decode(Buffer.from([0, 1])),
      await decode(Buffer.from([7, 0, 0, 0, 1, 0])),
      await decode(unknownId),
    ];
    await client.disconnect();
    for (const error of reasons) expect(error).to.be.instanceOf(MessageDecodeError);
    expect(reasons.map((e) => (e as Error).message)).to.deep.equal([
      'message on "order.created" cannot be decoded: shorter than the 5-byte Confluent header',
      'message on "order.created" cannot be decoded: magic byte is 7, expected 0',
      'message on "order.created" cannot be decoded: unknown schema id 2000000000',
    ]);
  });
});
