import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { Topics } from '@saga/contracts';
import { topicSamples } from '@saga/contracts/testing';
import { createLogger } from '@saga/logging';
import { createTestNamespace, waitFor, type TestNamespace, type TestPublisher } from '@saga/testing';
import {
  createEventClient,
  DeadLetterAlreadyReplayedError,
  deadLetterTopicOf,
  exponentialBackoff,
  headerText,
  kafkaClientOptions,
  RegistryUnavailableError,
  replayLogTopicOf,
  type ConsumerRetryPolicy,
  type DeadLetter,
  type DeadLetters,
  type MessageContext,
  type RawProducer,
  type RecordHeaders,
  withAdmin,
} from '../src/index.ts';
import { kafkajsConnection } from '../src/kafkajs-connection.ts';

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
  let raw: RawProducer;

  const headers = (id: string): RecordHeaders => ({
    ce_id: id,
    ce_type: 'io.saga.order.ConfirmOrder',
    ce_source: '/tests/dead-letters',
    ce_time: new Date().toISOString(),
    ce_specversion: '1.0',
  });
  const sendRaw = (value: Buffer, id = randomUUID(), messageKey = key) =>
    raw.send(ns.physicalTopic(topic), [{ key: messageKey, value, headers: headers(id) }]).then(([meta]) => ({
      id,
      offset: meta?.offset ?? '',
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
    raw = await ns.kafka.producer();
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
    // Topic configuration is no part of the platform's admin interface: kafkajs's own admin reads it.
    const kafka = new Kafka({
      clientId: 'dead-letters-test-admin',
      ...kafkajsConnection(kafkaClientOptions(ns.config)),
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
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
    const [meta] = await raw.send(ns.physicalTopic(topic), [{ key, value: Buffer.from([0, 0, 0, 0, 1]) }]);
    const letter = await deadLetterWhere((l) => l.original.offset === meta?.offset, 'for missing headers');
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
  /** A good message whose handler fails permanently the first time only: its dead letter replays cleanly. */
  async function failingOnce(): Promise<{ id: string; letter: DeadLetter }> {
    const id = randomUUID();
    failures.set(id, (attempt) =>
      attempt === 1 ? Object.assign(new Error('rule broken once'), { retriable: false }) : undefined,
    );
    await publishGood({ id });
    return { id, letter: await deadLetterWhere((l) => headerText(l.headers.ce_id) === id, `for ${id}`) };
  }

  it("shows a dead letter's value decoded through the registry, and bytes that do not decode with why", async () => {
    const { letter } = await failingOnce();
    const garbage = await deadLetterWhere(
      (l) => l.value?.toString() === 'this is not avro',
      'for the garbage sent earlier',
    );
    const unknownId = await deadLetterWhere(
      (l) => l.error.message.includes('unknown schema id'),
      'for the unknown schema id sent earlier',
    );
    const [good, bad, unknown] = await deadLetters.decodeValues([letter, garbage, unknownId]);
    // The sample as JSON has it: timestamp-millis as ISO text, longs as numbers, nullable fields null.
    expect(good?.json).to.deep.equal(JSON.parse(JSON.stringify({ ...topicSamples[topic], orderId: key })));
    expect(good?.decodeError).to.equal(null);
    expect(good?.schemaId).to.equal(letter.value?.readInt32BE(1));
    expect(bad).to.deep.equal({ json: null, schemaId: null, decodeError: 'magic byte is 116, expected 0' });
    expect(unknown).to.deep.include({ json: null, schemaId: 0x7ffffff0 });
    expect(unknown?.decodeError).to.equal('unknown schema id 2147483632');
  });

  it('still shows the bytes when the registry is away, saying it did not answer', async () => {
    const { letter } = await failingOnce();
    const away = createEventClient({
      config: { ...ns.config, registry: { ...ns.config.registry, url: 'http://127.0.0.1:9' } },
      service: 'dead-letters-test-no-registry',
      logger,
    });
    const [decoded] = await away.deadLetters.decodeValues([letter]);
    expect(decoded?.json).to.equal(null);
    expect(decoded?.decodeError).to.contain('the schema registry did not answer for schema id');
  });

  it('lists by exact key and by dead-lettering time', async () => {
    const otherKey = randomUUID();
    const before = await sendRaw(Buffer.from('early poison'), randomUUID(), otherKey);
    const early = await deadLetterWhere((l) => headerText(l.headers.ce_id) === before.id, 'early poison');
    const between = new Date();
    const after = await sendRaw(Buffer.from('late poison'), randomUUID(), otherKey);
    const late = await deadLetterWhere((l) => headerText(l.headers.ce_id) === after.id, 'late poison');

    const byKey = await deadLetters.list(topic, { key: otherKey });
    expect(byKey.map((l) => l.offset)).to.deep.equal([early.offset, late.offset]);
    expect((await deadLetters.list(topic, { key: otherKey, limit: 1 })).map((l) => l.offset)).to.deep.equal([
      late.offset,
    ]);
    expect(await deadLetters.list(topic, { key: `${otherKey}-no` })).to.deep.equal([]);

    const since = await deadLetters.list(topic, { key: otherKey, since: between });
    expect(since.map((l) => l.offset)).to.deep.equal([late.offset]);
    const until = await deadLetters.list(topic, { until: between });
    expect(until.map((l) => l.offset))
      .to.include(early.offset)
      .and.not.include(late.offset);
    const window = await deadLetters.list(topic, {
      since: new Date(Date.parse(early.deadLetteredAt)),
      until: between,
    });
    expect(window.map((l) => l.offset))
      .to.include(early.offset)
      .and.not.include(late.offset);
  });

  it('records a replay: the dead letter shows where it went, and is not replayed again unless forced', async () => {
    const { id, letter } = await failingOnce();
    const first = await deadLetters.replayOne(letter.topic, letter.partition, letter.offset);
    expect(first.replayed).to.have.length(1);
    await handledWhere((h) => h.id === id, 'the replayed message');

    const shown = await deadLetters.get(letter.topic, letter.partition, letter.offset);
    expect(shown.replayed).to.deep.equal({ at: first.replayed[0]?.at, to: first.replayed[0]?.to });
    const listed = (await deadLetters.list(topic, { limit: 500 })).find((l) => l.offset === letter.offset);
    expect(listed?.replayed?.to).to.deep.equal(first.replayed[0]?.to);

    let refused: unknown;
    await deadLetters.replayOne(letter.topic, letter.partition, letter.offset).catch((error: unknown) => {
      refused = error;
    });
    expect(refused).to.be.instanceOf(DeadLetterAlreadyReplayedError);
    const forced = await deadLetters.replayOne(letter.topic, letter.partition, letter.offset, {
      again: true,
    });
    expect(forced.replayed[0]?.to.offset).to.not.equal(first.replayed[0]?.to.offset);
    // The log, in the suite's namespace, holds both replays; the letter shows the newer.
    const again = await deadLetters.get(letter.topic, letter.partition, letter.offset);
    expect(again.replayed?.to).to.deep.equal(forced.replayed[0]?.to);
    await withAdmin(ns.kafka, async (admin) => {
      expect(await admin.listTopics()).to.include(ns.physicalTopic(replayLogTopicOf(letter.topic)));
    });
  });

  it('replays all dead letters once: a second --all replays none of them', async () => {
    const fixable = [await failingOnce(), await failingOnce()];
    const first = await deadLetters.replayAll(deadLetterTopicOf(topic));
    const sentOffsets = first.replayed.map((r) => r.from.offset);
    expect(sentOffsets).to.include.members(fixable.map((f) => f.letter.offset));
    for (const { id } of fixable) await handledWhere((h) => h.id === id, `replayed ${id}`);

    const second = await deadLetters.replayAll(deadLetterTopicOf(topic));
    expect(second.replayed.map((r) => r.from.offset)).to.not.include.members(sentOffsets);
    expect(second.replayed.filter((r) => sentOffsets.includes(r.from.offset))).to.deep.equal([]);
    const skippedAsReplayed = second.skipped
      .filter((s) => s.reason === 'already-replayed')
      .map((s) => s.deadLetter.offset);
    expect(skippedAsReplayed).to.include.members(sentOffsets);
    for (const { id } of fixable)
      expect(
        handled.filter((h) => h.id === id),
        `${id} handled once`,
      ).to.have.length(1);
  });

  it('a replay that fails again is a dead letter naming the one it replays, left alone by --all unless asked', async () => {
    const id = randomUUID();
    failures.set(id, () => Object.assign(new Error('rule broken for good'), { retriable: false }));
    await publishGood({ id });
    const original = await deadLetterWhere(
      (l) => headerText(l.headers.ce_id) === id && l.replayOf === null,
      'for the message that always fails',
    );
    await deadLetters.replayOne(original.topic, original.partition, original.offset);
    const again = await deadLetterWhere(
      (l) => headerText(l.headers.ce_id) === id && l.replayOf !== null,
      'for its replay, failed again',
    );
    expect(again.replayOf).to.deep.include({
      topic: original.topic,
      partition: original.partition,
      offset: original.offset,
      count: 1,
    });

    const all = await deadLetters.replayAll(deadLetterTopicOf(topic));
    expect(all.replayed.map((r) => r.from.offset)).to.not.include(again.offset);
    expect(all.skipped.find((s) => s.deadLetter.offset === again.offset)?.reason).to.equal('is-a-replay');

    const included = await deadLetters.replayAll(deadLetterTopicOf(topic), { includeReplays: true });
    expect(included.replayed.map((r) => r.from.offset)).to.include(again.offset);
    const third = await deadLetterWhere(
      (l) => headerText(l.headers.ce_id) === id && l.replayOf?.offset === again.offset,
      'for the second replay, failed again',
    );
    expect(third.replayOf?.count).to.equal(2);
  });
});
