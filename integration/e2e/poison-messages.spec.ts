import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { Topics, type TopicName } from '@saga/contracts';
import {
  createKafkaCluster,
  deadLetterTopicOf,
  headerText,
  kafkaClientOptions,
  parseDeadLetter,
  type DeadLetter,
  type RawConsumer,
  type RawProducer,
} from '@saga/events';
import { clientTokens } from '@saga/stack';
import { api, config, line, settled, unique } from './support/platform-client.ts';

/** Who receives each topic, as schemas/topics.json declares it; the receiver's consumer group is its name. */
const receivers = (
  JSON.parse(readFileSync(new URL('../../schemas/topics.json', import.meta.url), 'utf8')) as {
    topics: Record<string, { receivers: string[] }>;
  }
).topics;

/** Three kinds of poison: none of them can ever be decoded, so each must be dead-lettered, once. */
const poisons = {
  garbage: { value: Buffer.from('definitely not avro'), reason: 'cannot be decoded' },
  'wrong magic byte': { value: Buffer.from([1, 0, 0, 0, 1, 42]), reason: 'magic byte is 1, expected 0' },
  'unknown schema id': {
    value: Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 2, 4, 6]),
    reason: 'unknown schema id 2147483632', // 0x7ffffff0
  },
} as const;

/**
 * Poison on every consumed topic of the platform: the consumer of each dead-letters it to the topic's
 * `.dlq`, with the original bytes and where it came from and why, and the saga goes on working.
 */
describe('poison messages', function () {
  this.timeout(240_000);
  const kafka = createKafkaCluster({ clientId: 'poison-test', connection: kafkaClientOptions(config) });
  const topics = Object.values(Topics);
  /** This run's key: its poison is told apart from earlier runs' by it. */
  const key = `poison-${randomUUID()}`;
  const deadLetters: DeadLetter[] = [];
  let reader: RawConsumer;
  let producer: RawProducer;
  const sent: {
    topic: TopicName;
    kind: keyof typeof poisons;
    id: string;
    partition: number;
    offset: string;
  }[] = [];

  before(async () => {
    // Reads every .dlq topic from its beginning and keeps this run's dead letters.
    reader = await kafka.consumer({
      groupId: unique('poison-test'),
      topics: topics.map(deadLetterTopicOf),
      from: 'beginning',
      onRecord: (record) => {
        if (record.key?.toString() !== key) return;
        const letter = parseDeadLetter(record.topic, record.partition, record);
        if (letter) deadLetters.push(letter);
      },
    });
    producer = await kafka.producer();
  });
  after(async () => {
    await reader.stop();
    await producer.disconnect();
  });

  it('dead-letters garbage, a wrong magic byte and an unknown schema id on every consumed topic', async () => {
    for (const topic of topics) {
      for (const [kind, poison] of Object.entries(poisons) as [
        keyof typeof poisons,
        (typeof poisons)[keyof typeof poisons],
      ][]) {
        const id = randomUUID();
        const [meta] = await producer.send(topic, [
          {
            key,
            value: poison.value,
            headers: {
              ce_id: id,
              ce_type: 'io.saga.test.Poison',
              ce_source: '/tests/poison-messages',
              ce_time: new Date().toISOString(),
              ce_specversion: '1.0',
            },
          },
        ]);
        sent.push({ topic, kind, id, partition: meta?.partition ?? -1, offset: meta?.offset ?? '' });
      }
    }

    // Generous: a consumer may first have a backlog to work through (the orchestrator reads nine topics).
    const deadline = Date.now() + 150_000;
    const letterOf = (id: string) => deadLetters.find((l) => headerText(l.headers.ce_id) === id);
    while (sent.some((s) => !letterOf(s.id)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    const missing = sent.filter((s) => !letterOf(s.id)).map((s) => `${s.topic} (${s.kind})`);
    expect(missing, 'poison that never reached its .dlq').to.deep.equal([]);

    for (const s of sent) {
      const letter = letterOf(s.id);
      const what = `${s.topic} (${s.kind})`;
      expect(letter?.topic, what).to.equal(deadLetterTopicOf(s.topic));
      expect(letter?.value, what).to.deep.equal(poisons[s.kind].value);
      expect(letter?.original, what).to.deep.include({
        topic: s.topic,
        partition: s.partition,
        offset: s.offset,
      });
      expect(Number(letter?.original.timestamp), what).to.be.above(0);
      expect(letter?.consumerGroup, what).to.equal(receivers[s.topic]?.receivers[0]);
      expect(letter?.error.name, what).to.equal('MessageDecodeError');
      expect(letter?.error.code, what).to.equal('MESSAGE_UNDECODABLE');
      expect(letter?.error.message, what).to.contain(poisons[s.kind].reason);
      expect(letter?.classification, what).to.equal('permanent');
      expect(letter?.attempts, what).to.equal(1);
      expect(Number.isNaN(Date.parse(letter?.deadLetteredAt ?? '')), what).to.equal(false);
      expect(headerText(letter?.headers.ce_source), what).to.equal('/tests/poison-messages');
    }
    // Once each: a consumer that crash-looped or re-read its partition would dead-letter a message again.
    expect(deadLetters.length).to.equal(sent.length);
  });

  it('lists and replays a dead letter through the consuming service’s admin API', async () => {
    const confirm = sent.find((s) => s.topic === 'order.confirm' && s.kind === 'garbage');
    if (!confirm) throw new Error('the first test did not send poison to order.confirm');
    const orderService = `http://127.0.0.1:${config.services.order.port}`;
    const admin = { authorization: `Bearer ${clientTokens(config.stack.home).admin}` };

    const anonymous = await fetch(`${orderService}/dead-letters?topic=order.confirm`);
    expect(anonymous.status).to.equal(401);
    const listed = await fetch(`${orderService}/dead-letters?topic=order.confirm&limit=1000`, {
      headers: admin,
    });
    expect(listed.status).to.equal(200);
    const { deadLetters: views } = (await listed.json()) as {
      deadLetters: {
        topic: string;
        partition: number;
        offset: string;
        value: unknown;
        valueBase64: string;
        decodeError: string | null;
        headers: Record<string, string>;
      }[];
    };
    const view = views.find((v) => v.headers.ce_id === confirm.id);
    if (!view) throw new Error('GET /dead-letters does not show the garbage sent to order.confirm');
    // Garbage does not decode: the view keeps its bytes and says why.
    expect(Buffer.from(view.valueBase64, 'base64')).to.deep.equal(poisons.garbage.value);
    expect(view.value).to.equal(null);
    expect(view.decodeError).to.be.a('string').and.not.equal('');

    const replay = await fetch(`${orderService}/dead-letters/replay`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ topic: view.topic, partition: view.partition, offset: view.offset }),
    });
    expect(replay.status).to.equal(200);
    const {
      replayed: [replayed],
    } = (await replay.json()) as { replayed: { to: { topic: string; offset: string } }[] };
    if (!replayed) throw new Error('POST /dead-letters/replay replayed nothing');
    expect(replayed.to.topic).to.equal('order.confirm');

    // Still garbage: the order service dead-letters the replayed copy again, which says where it came from.
    const from = `${view.topic}/${view.partition}/${view.offset}`;
    const deadline = Date.now() + 30_000;
    const again = () => deadLetters.find((l) => headerText(l.headers['dlq.replayed-from']) === from);
    while (!again() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(again()?.original).to.deep.include({ topic: 'order.confirm', offset: replayed.to.offset });
    expect(headerText(again()?.headers.ce_id)).to.equal(confirm.id);
  });

  it('still completes orders sent after the poison: confirmed, out of stock and declined', async () => {
    const [sku, rich, poor] = [unique('sku'), unique('customer'), unique('customer')];
    await api.putStock(sku, 3);
    await api.putAccount(rich, 100_000);
    await api.putAccount(poor, 100);
    const place = async (customerId: string, quantity: number) => {
      const placed = await api.placeOrder({
        customerId,
        currency: 'EUR',
        items: [line(sku, quantity)],
      });
      expect(placed.status, JSON.stringify(placed.body)).to.equal(202);
      return settled(placed.body.orderId);
    };
    expect((await place(rich, 2)).status).to.equal('CONFIRMED');
    expect(await place(rich, 5)).to.include({ status: 'CANCELLED', cancelReason: 'OUT_OF_STOCK' });
    expect(await place(poor, 1)).to.include({ status: 'CANCELLED', cancelReason: 'PAYMENT_DECLINED' });
  });
});
