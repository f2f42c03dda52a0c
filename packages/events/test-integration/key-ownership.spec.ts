import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { topicSamples } from '@saga/contracts/testing';
import { createLogger } from '@saga/logging';
import { createTestNamespace, waitFor, type TestNamespace, type TestPublisher } from '@saga/testing';
import { createEventClient, type EventClient } from '../src/index.ts';
import type { TopicMessageMap } from '@saga/contracts';

/**
 * Two replicas of one service in one consumer group, against the real broker: every key belongs to one
 * of them, on every topic it consumes, and each knows which keys are its own to write.
 */
describe('key ownership across replicas (Kafka)', function () {
  this.timeout(120_000);
  const logger = createLogger('key-ownership-test', 'silent');
  const topics = ['order.confirm', 'order.cancel'] as const;
  const keys = Array.from({ length: 40 }, () => randomUUID());
  /** Which replica handled each message, by `${topic}/${key}/${round}`. */
  const handledBy = new Map<string, string>();
  let ns: TestNamespace;
  let groupId: string;
  let publisher: TestPublisher<(typeof topics)[number]>;
  const replicas = new Map<string, EventClient<TopicMessageMap>>();

  async function startReplica(name: string) {
    const client = createEventClient({ config: ns.config, service: `key-ownership-${name}`, logger });
    for (const topic of topics) {
      client.subscribe(topic, (_value, context) => {
        handledBy.set(`${context.topic}/${context.key}/${context.id}`, name);
        return Promise.resolve();
      });
    }
    replicas.set(name, client);
    await client.start(groupId, { ownershipGraceMs: 500 });
    return client;
  }

  /** Sends one message per key to every topic; resolves once all were handled, with the round's ids. */
  async function sendRound(): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (const key of keys) {
      for (const topic of topics) {
        const id = randomUUID();
        ids.set(`${topic}/${key}/${id}`, key);
        await publisher.publish(topic, key, { ...topicSamples[topic], orderId: key }, { id });
      }
    }
    await waitFor('every message of the round to be handled', () =>
      [...ids.keys()].every((at) => handledBy.has(at)),
    );
    return ids;
  }

  /** The replica that handled each key's messages of a round: one per key, whatever the topic. */
  function handlerOfEachKey(round: Map<string, string>): Map<string, string> {
    const byKey = new Map<string, Set<string>>();
    for (const [at, key] of round) {
      const set = byKey.get(key) ?? new Set<string>();
      set.add(handledBy.get(at) as string);
      byKey.set(key, set);
    }
    const single = new Map<string, string>();
    for (const [key, names] of byKey) {
      expect([...names], `replicas that handled key ${key}`).to.have.length(1);
      single.set(key, [...names][0] as string);
    }
    return single;
  }

  const owners = (key: string) =>
    [...replicas].filter(([, client]) => client.ownership.owns(key)).map(([name]) => name);

  before(async () => {
    ns = await createTestNamespace('events-key-ownership');
    publisher = await ns.publisher([...topics]);
    groupId = ns.groupId('replicas');
  });
  after(async () => {
    for (const client of replicas.values()) await client.disconnect();
    await ns.close();
  });

  it('owns every key when it is the group’s only member, once started', async () => {
    await startReplica('a');
    expect(keys.filter((key) => owners(key).join() !== 'a')).to.deep.equal([]);
    const round = await sendRound();
    expect(new Set(handlerOfEachKey(round).values())).to.deep.equal(new Set(['a']));
  });

  it('splits the keys when a second replica joins: each key is one replica’s on every topic, and that one handles it', async () => {
    await startReplica('b');
    await waitFor('the first replica to settle its part', () =>
      keys.every((key) => owners(key).length === 1),
    );
    const owned = new Map(keys.map((key) => [key, owners(key)[0] as string]));
    expect(new Set(owned.values())).to.deep.equal(new Set(['a', 'b']));

    const round = await sendRound();
    expect(Object.fromEntries(handlerOfEachKey(round))).to.deep.equal(Object.fromEntries(owned));
  });

  it('gives every key back to the replica that stays when the other stops', async () => {
    await replicas.get('b')?.disconnect();
    replicas.delete('b');
    await waitFor('the remaining replica to own every key', () =>
      keys.every((key) => owners(key).join() === 'a'),
    );
    const round = await sendRound();
    expect(new Set(handlerOfEachKey(round).values())).to.deep.equal(new Set(['a']));
  });
});
