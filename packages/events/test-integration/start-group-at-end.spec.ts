import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { Kafka, logLevel } from 'kafkajs';
import { loadConfig } from '@saga/config';
import { kafkaClientOptions, startGroupAtEnd } from '../src/index.ts';

/** A group positioned at the end of its topic reads what comes after, and nothing from before. */
describe('startGroupAtEnd (Kafka)', function () {
  this.timeout(60_000);
  const topic = 'order.confirm';
  const kafka = new Kafka({
    clientId: 'start-group-at-end-test',
    ...kafkaClientOptions(loadConfig()),
    logLevel: logLevel.NOTHING,
  });
  const groupId = `start-group-at-end-test-${randomUUID()}`;
  const key = randomUUID();
  const producer = kafka.producer();

  before(() => producer.connect());
  after(async () => {
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  });

  const send = (value: string) => producer.send({ topic, messages: [{ key, value }] });

  it('makes a new group read only what is published after it was positioned', async () => {
    await send('before');
    await startGroupAtEnd(kafka, groupId, [topic]);
    await send('after');

    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    const seen: string[] = [];
    try {
      await consumer.connect();
      // fromBeginning is what the event client asks for; the committed offsets must win over it.
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const afterSeen = new Promise<void>((resolve) => {
        void consumer.run({
          eachMessage: ({ message }) => {
            if (message.key?.toString() === key) seen.push(message.value?.toString() ?? '');
            if (seen.includes('after')) resolve();
            return Promise.resolve();
          },
        });
      });
      await afterSeen;
    } finally {
      await consumer.disconnect();
    }
    expect(seen).to.deep.equal(['after']);
  });
});
