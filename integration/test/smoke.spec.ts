import { randomUUID } from 'node:crypto';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { expect } from 'chai';
import mongoose from 'mongoose';
import { loadConfig } from '@saga/config';
import { createKafkaCluster, withAdmin, type ConsumedRecord } from '@saga/events';

/**
 * The ground everything stands on: the real registry, broker and store answer,
 * and a message makes the whole trip in Confluent's wire format.
 */
describe('local stack smoke', function () {
  this.timeout(60_000);
  const config = loadConfig();
  const run = randomUUID().slice(0, 8);
  const registry = new SchemaRegistry({ host: config.registry.url });
  const kafka = createKafkaCluster({ clientId: 'smoke-test', connection: { brokers: config.kafka.brokers } });

  const schema = {
    type: 'record',
    name: 'SmokePing',
    namespace: 'io.saga.smoke',
    doc: 'A message used only by the smoke test.',
    fields: [
      { name: 'id', type: 'string', doc: 'Unique per message.' },
      { name: 'sentAt', type: { type: 'long', logicalType: 'timestamp-millis' }, doc: 'When it was sent.' },
    ],
  };

  it('registers an Avro schema and resolves it by subject', async () => {
    const subject = `smoke.${run}-value`;
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
      { subject },
    );
    expect(id).to.be.a('number');
    expect(await registry.getLatestSchemaId(subject)).to.equal(id);
  });

  it('produces a registry-encoded message to Kafka, then consumes and decodes it', async () => {
    const topic = `smoke.${run}`;
    await withAdmin(kafka, (admin) => admin.createTopics([{ topic, partitions: 1 }]));

    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
      { subject: `${topic}-value` },
    );
    const sent = { id: randomUUID(), sentAt: Date.now() };
    const encoded = await registry.encode(id, sent);
    // Confluent wire format: magic byte 0, then the schema id as a big-endian int32, then Avro binary.
    expect(encoded[0]).to.equal(0);
    expect(encoded.readInt32BE(1)).to.equal(id);

    const producer = await kafka.producer();
    await producer.send(topic, [{ key: sent.id, value: encoded }]);
    await producer.disconnect();

    let receive!: (record: ConsumedRecord) => void;
    const received = new Promise<ConsumedRecord>((resolve) => (receive = resolve));
    const consumer = await kafka.consumer({
      groupId: `smoke-${run}`,
      topics: [topic],
      from: 'beginning',
      onRecord: receive,
    });
    const record = await received.finally(() => consumer.stop());

    expect(record.key?.toString()).to.equal(sent.id);
    const decoded = (await registry.decode(record.value!)) as { id: string; sentAt: number | Date };
    expect(decoded.id).to.equal(sent.id);
    expect(Number(decoded.sentAt)).to.equal(sent.sentAt);
  });

  it('writes and reads a document through mongoose', async () => {
    const connection = await mongoose.createConnection(config.mongo.url, { dbName: 'smoke' }).asPromise();
    try {
      const Ping = connection.model(
        `Ping${run}`,
        new mongoose.Schema({ run: { type: String, required: true, unique: true }, count: Number }),
      );
      await Ping.init();
      await Ping.create({ run, count: 1 });
      await Ping.updateOne({ run }, { $inc: { count: 1 } });
      const found = await Ping.findOne({ run }).lean();
      expect(found?.count).to.equal(2);
      await Ping.collection.drop();
    } finally {
      await connection.close();
    }
  });
});
