import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { ConfigResourceTypes, type IHeaders, type Producer } from 'kafkajs';
import { Topics } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import { createLogger } from '@saga/logging';
import { createTestNamespace, waitFor, type TestNamespace, type TestPublisher } from '@saga/testing';
import {
  createEventClient,
  deadLetterTopicOf,
  exponentialBackoff,
  headerText,
  RegistryUnavailableError,
  type ConsumerRetryPolicy,
  type DeadLetter,
  type DeadLetters,
  type MessageContext,
} from '../src/index.ts';

/**
 * A consumer meets poison: bytes that are not Avro, a wrong magic byte, an unknown schema id, and a
 * handler whose store is away for a moment. Against the real broker and registry, no stubs, in a test
 * namespace: the poison lands on topics of the suite's own, where no service reads it.
 */
describe('dead letters (Kafka + registry)', function () {
  this.timeout(120_000);
  /** The consumer is poisoned on purpose; what the tests check is where the poison went, not the log. */
  const logger = createLogger('dead-letters-test', 'silent');
  const topic = 'order.confirm';
  const fast: ConsumerRetryPolicy = {
    delayMs: exponentialBackoff({ initialDelayMs: 50, maxDelayMs: 500, multiplier: 2, jitter: 0.2 }),
    unclassifiedAttempts: 3,
    retriableGiveUpMs: 60_000,
    heartbeatEveryMs: 1_000,
    logEveryMs: 30_000,
  };
  /** One key: every message lands on one partition, in the order sent. */
  const key = randomUUID();
  const handled: { id: string; orderId: string; context: MessageContext }[] = [];
  /** Attempts per message id, and how each should fail before it succeeds. */
  const attempts = new Map<string, number>();
  const failures = new Map<string, (attempt: number) => Error | undefined>();
  let ns: TestNamespace;
  let groupId: string;
  let deadLetters: DeadLetters;
  let publisher: TestPublisher<typeof topic>;
  /** Sends bytes as they are, past the event client's encoding: the poison. */
  let raw: Producer;

  const headers = (id: string): IHeaders => ({
    ce_id: id,
    ce_type: 'io.saga.order.ConfirmOrder',
    ce_source: '/tests/dead-letters',
    ce_time: new Date().toISOString(),
    ce_specversion: '1.0',
  });
  const sendRaw = (value: Buffer, id = randomUUID()) =>
    raw
      .send({ topic: ns.physicalTopic(topic), messages: [{ key, value, headers: headers(id) }] })
      .then(([meta]) => ({
        id,
        offset: meta?.baseOffset ?? '',
        partition: meta?.partition ?? -1,
      }));
  const publishGood = (options: { id?: string } = {}) =>
    publisher.publish(topic, key, { ...topicSamples[topic], orderId: key }, options);

  /** Reads the .dlq topic until a dead letter satisfies `match`. */
  async function deadLetterWhere(match: (letter: DeadLetter) => boolean, what: string): Promise<DeadLetter> {
    let found: DeadLetter | undefined;
    await waitFor(`a dead letter ${what} in ${topic}.dlq`, async () => {
      found = (await deadLetters.list(topic, { limit: 200 })).find(match);
      return found !== undefined;
    });
    return found as DeadLetter;
  }
  async function handledWhere(match: (h: (typeof handled)[number]) => boolean, what: string) {
    await waitFor(`the handler to see ${what}`, () => handled.some(match));
    return handled.find(match);
  }

  before(async () => {
    ns = await createTestNamespace('events-dead-letters');
    raw = ns.kafka.producer();
    await raw.connect();
    ns.cleanup(() => raw.disconnect());
    publisher = await ns.publisher([topic]);
    const consumer = createEventClient({ config: ns.config, service: 'dead-letters-test-consumer', logger });
    ns.cleanup(() => consumer.disconnect());
    deadLetters = consumer.deadLetters;
    consumer.subscribe(topic, (value, context) => {
      const attempt = (attempts.get(context.id) ?? 0) + 1;
      attempts.set(context.id, attempt);
      const failure = failures.get(context.id)?.(attempt);
      if (failure) return Promise.reject(failure);
      handled.push({ id: context.id, orderId: value.orderId, context });
      return Promise.resolve();
    });
    // From the beginning: the namespace's topic holds nothing but what this suite sends.
    groupId = ns.groupId('consumer');
    await consumer.start(groupId, { retryPolicy: fast });
  });
  after(() => ns.close());

  it('finds a .dlq topic for every platform topic: one partition, kept until deleted', async () => {
    const admin = ns.kafka.admin();
    await admin.connect();
    try {
      const dlqs = Object.values(Topics).map((t) => ns.physicalTopic(deadLetterTopicOf(t)));
      const { topics } = await admin.fetchTopicMetadata({ topics: dlqs });
      expect(topics.map((t) => [t.name, t.partitions.length]).sort()).to.deep.equal(
        dlqs.map((t) => [t, 1]).sort(),
      );
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: dlqs.map((name) => ({
          type: ConfigResourceTypes.TOPIC,
          name,
          configNames: ['retention.ms'],
        })),
      });
      for (const resource of resources)
        expect(
          resource.configEntries.find((e) => e.configName === 'retention.ms')?.configValue,
          resource.resourceName,
        ).to.equal('-1');
    } finally {
      await admin.disconnect();
    }
  });

  it('dead-letters bytes that are not Avro at all, with the original bytes and every header', async () => {
    const garbage = Buffer.from('this is not avro');
    const sent = await sendRaw(garbage);
    const letter = await deadLetterWhere((l) => headerText(l.headers.ce_id) === sent.id, 'for the garbage');
    expect(letter.value).to.deep.equal(garbage);
    expect(letter.original).to.deep.include({ topic, partition: sent.partition, offset: sent.offset });
    expect(Number(letter.original.timestamp)).to.be.above(0);
    expect(letter.consumerGroup).to.equal(groupId);
    expect(letter.error).to.deep.include({ name: 'MessageDecodeError', code: 'MESSAGE_UNDECODABLE' });
    expect(letter.classification).to.equal('permanent');
    expect(letter.attempts).to.equal(1);
    expect(Number.isNaN(Date.parse(letter.deadLetteredAt))).to.equal(false);
    expect(Object.keys(letter.headers)).to.include.members(['ce_id', 'ce_type', 'ce_source', 'ce_time']);
  });

  it('dead-letters a wrong magic byte, naming it', async () => {
    const sent = await sendRaw(Buffer.from([7, 0, 0, 0, 1, 2, 3]));
    const letter = await deadLetterWhere(
      (l) => headerText(l.headers.ce_id) === sent.id,
      'for the magic byte',
    );
    expect(letter.error.message).to.contain('magic byte is 7, expected 0');
    expect(letter.value).to.deep.equal(Buffer.from([7, 0, 0, 0, 1, 2, 3]));
  });

  it('dead-letters an unknown schema id, naming it', async () => {
    const sent = await sendRaw(Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 2, 4, 6]));
    const letter = await deadLetterWhere((l) => headerText(l.headers.ce_id) === sent.id, 'for the schema id');
    expect(letter.error.message).to.contain('unknown schema id 2147483632'); // 0x7ffffff0
  });

  it('dead-letters a message without CloudEvents headers', async () => {
    const [meta] = await raw.send({
      topic: ns.physicalTopic(topic),
      messages: [{ key, value: Buffer.from([0, 0, 0, 0, 1]) }],
    });
    const letter = await deadLetterWhere(
      (l) => l.original.offset === meta?.baseOffset,
      'for missing headers',
    );
    expect(letter.error.message).to.contain('missing header ce_id');
  });

  it('goes on with the messages after the poison: a later good message is handled', async () => {
    const meta = await publishGood();
    await handledWhere((h) => h.id === meta.id, 'the good message after the poison');
  });

  it('retries a transient failure on the same message, without dead-lettering or skipping it', async () => {
    const flaky = randomUUID();
    failures.set(flaky, (attempt) =>
      attempt <= 2 ? new RegistryUnavailableError('http://registry.test') : undefined,
    );
    await publishGood({ id: flaky });
    const after = await publishGood();
    await handledWhere((h) => h.id === after.id, 'the message after the flaky one');
    expect(attempts.get(flaky)).to.equal(3);
    const ids = handled.map((h) => h.id);
    expect(ids.indexOf(flaky), 'the flaky message is handled before the next one').to.be.within(
      0,
      ids.indexOf(after.id) - 1,
    );
    const letters = await deadLetters.list(topic, { limit: 200 });
    expect(letters.filter((l) => headerText(l.headers.ce_id) === flaky)).to.deep.equal([]);
  });

  it('dead-letters an unclassified error after its bounded attempts, saying so', async () => {
    const buggy = randomUUID();
    failures.set(buggy, () => new TypeError('cannot read properties of undefined'));
    await publishGood({ id: buggy });
    const letter = await deadLetterWhere(
      (l) => headerText(l.headers.ce_id) === buggy,
      'for the unclassified error',
    );
    expect(letter).to.deep.include({ classification: 'unclassified', attempts: 3 });
    expect(letter.error).to.deep.equal({ name: 'TypeError', message: 'cannot read properties of undefined' });
  });

  it('replays a dead letter to its topic, where the consumer handles it again', async () => {
    const ruleBroken = randomUUID();
    // A domain error the first time; after someone fixed the cause, the same message goes through.
    failures.set(ruleBroken, (attempt) =>
      attempt === 1 ? Object.assign(new Error('total out of range'), { retriable: false }) : undefined,
    );
    await publishGood({ id: ruleBroken });
    const letter = await deadLetterWhere(
      (l) => headerText(l.headers.ce_id) === ruleBroken,
      'for the domain error',
    );
    expect(letter.classification).to.equal('permanent');
    expect(handled.some((h) => h.id === ruleBroken)).to.equal(false);

    const [replayed] = await deadLetters.replay([
      await deadLetters.get(letter.topic, letter.partition, letter.offset),
    ]);
    expect(replayed?.from).to.deep.equal({
      topic: letter.topic,
      partition: letter.partition,
      offset: letter.offset,
    });
    expect(replayed?.to.topic).to.equal(topic);
    const again = await handledWhere((h) => h.id === ruleBroken, 'the replayed message');
    expect(again?.orderId).to.equal(key);
    expect(again?.context.offset).to.equal(replayed?.to.offset);
  });
});
