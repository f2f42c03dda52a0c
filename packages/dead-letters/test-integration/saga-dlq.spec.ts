import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { topicSamples } from '@saga/contracts/testing';
import { createEventClient, headerText, type DeadLetters } from '@saga/events';
import { createLogger } from '@saga/logging';
import { createTestNamespace, waitFor, type TestNamespace, type TestPublisher } from '@saga/testing';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/saga-dlq.js', import.meta.url));

/**
 * The saga-dlq command line against the real broker and registry, in a namespace of its own (the
 * CLI reads KAFKA_TOPIC_PREFIX like every service): a consumer dead-letters messages, the CLI lists
 * them decoded and replays them once.
 */
describe('saga-dlq (Kafka + registry)', function () {
  this.timeout(120_000);
  const topic = 'order.confirm';
  const key = randomUUID();
  /** Message ids whose handling fails once (then succeeds), or always. */
  const failOnce = new Set<string>();
  const failAlways = new Set<string>();
  const attempts = new Map<string, number>();
  let ns: TestNamespace;
  let publisher: TestPublisher<typeof topic>;
  let deadLetters: DeadLetters;

  const cli = async (...args: string[]) => {
    const { stdout } = await run(process.execPath, [bin, ...args], { env: ns.env });
    return stdout.trim().split('\n');
  };
  const deadLettered = (id: string, count: number) =>
    waitFor(`${count} dead letter(s) of ${id}`, async () => {
      const letters = await deadLetters.list(topic, { key, limit: 500 });
      return letters.filter((l) => headerText(l.headers.ce_id) === id).length >= count;
    });

  before(async () => {
    ns = await createTestNamespace('saga-dlq-cli');
    publisher = await ns.publisher([topic]);
    const logger = createLogger('saga-dlq-cli-test', 'silent');
    const consumer = createEventClient({ config: ns.config, service: 'saga-dlq-cli-consumer', logger });
    ns.cleanup(() => consumer.disconnect());
    deadLetters = consumer.deadLetters;
    consumer.subscribe(topic, (_value, context) => {
      const attempt = (attempts.get(context.id) ?? 0) + 1;
      attempts.set(context.id, attempt);
      if (failAlways.has(context.id) || (failOnce.has(context.id) && attempt === 1))
        return Promise.reject(Object.assign(new Error('rule broken'), { retriable: false }));
      return Promise.resolve();
    });
    await consumer.start(ns.groupId('consumer'));
  });
  after(() => ns.close());

  it('lists dead letters decoded as JSON, one object per line with --json, filtered by key', async () => {
    const id = randomUUID();
    failOnce.add(id);
    await publisher.publish(topic, key, { ...topicSamples[topic], orderId: key }, { id });
    await deadLettered(id, 1);

    const lines = await cli('list', '--topic', topic, '--key', key, '--since', '10m', '--json');
    const letters = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const letter = letters.find((l) => (l.headers as Record<string, string>).ce_id === id);
    expect(letter?.value).to.deep.equal(JSON.parse(JSON.stringify({ ...topicSamples[topic], orderId: key })));
    expect(letter).to.deep.include({ key, decodeError: null, replayed: null, replayOf: null });
    expect(letter?.deadLetterHeaders).to.include({ 'dlq.error.message': 'rule broken' });

    const text = await cli('list', '--topic', topic, '--key', key);
    expect(text.join('\n')).to.contain(`"orderId":"${key}"`).and.contain('rule broken');
    expect(await cli('list', '--topic', topic, '--key', `${key}-other`)).to.deep.equal([
      `${topic}.dlq: no dead letters`,
    ]);
  });

  it('replay --all sends each dead letter once, and leaves a replay that failed again alone', async () => {
    const stubborn = randomUUID();
    failAlways.add(stubborn);
    await publisher.publish(topic, key, { ...topicSamples[topic], orderId: key }, { id: stubborn });
    await deadLettered(stubborn, 1);

    const first = await cli('replay', '--topic', `${topic}.dlq`, '--all');
    expect(first.filter((l) => l.startsWith('replayed ') && l.includes('->'))).to.have.length(2);
    expect(first.at(-1)).to.match(/^replayed 2, skipped 0 dead letter\(s\)/);
    await deadLettered(stubborn, 2);

    const second = await cli('replay', '--topic', `${topic}.dlq`, '--all');
    expect(second.filter((l) => l.startsWith('replayed ') && l.includes('->'))).to.deep.equal([]);
    expect(second.filter((l) => l.includes('already replayed to'))).to.have.length(2);
    expect(second.filter((l) => l.includes(`is replay 1 of ${topic}.dlq/0/`))).to.have.length(1);
    expect(second.at(-1)).to.match(/^replayed 0, skipped 3 dead letter\(s\)/);
  });

  it('refuses to replay one dead letter twice unless --again, with exit code 1', async () => {
    const [firstLetter] = (await deadLetters.list(topic, { key })).filter((l) => l.replayed !== null);
    if (!firstLetter) throw new Error('no replayed dead letter');
    const args = ['replay', '--topic', `${topic}.dlq`, '--offset', firstLetter.offset];
    const refused = await run(process.execPath, [bin, ...args], { env: ns.env }).catch(
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(refused).to.include({ code: 1 });
    expect((refused as { stderr: string }).stderr)
      .to.contain('was already replayed')
      .and.contain('--again');
    const forced = await cli(...args, '--again');
    expect(forced[0]).to.match(new RegExp(`^replayed ${topic}\\.dlq/0/${firstLetter.offset} -> ${topic}/`));
  });
});
