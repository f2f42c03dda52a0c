import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { loadConfig } from '@saga/config';
import type { TopicName } from '@saga/contracts';
import {
  createEventClient,
  startGroupAtEnd as startGroupAtTopicEnds,
  type MessageContext,
} from '@saga/events';
import { createLogger } from '@saga/logging';

export const config = loadConfig();
export const quietLogger = createLogger('orchestrator-test', 'warn');

/** Bearer tokens of this suite's own, for the services it starts (`withTestTokens`) and its HTTP calls. */
export const testTokens = {
  api: 'orchestrator-test-api-token-0123456789',
  admin: 'orchestrator-test-admin-token-0123456789',
} as const;

/** The environment a test service runs with: the given one, plus the test tokens. */
export function withTestTokens(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, API_TOKENS: testTokens.api, ADMIN_TOKENS: testTokens.admin };
}

/** The Authorization header for the test api token. */
export const apiAuthorization = { authorization: `Bearer ${testTokens.api}` } as const;

/** A database name of this test run's own; drop it with `dropDatabase`. */
export function testDbName(): string {
  return `orchestrator_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

export async function connectDatabase(name: string): Promise<mongoose.Connection> {
  return mongoose
    .createConnection(config.mongo.url, { dbName: name, serverSelectionTimeoutMS: 5000 })
    .asPromise();
}

export async function dropDatabase(name: string): Promise<void> {
  const db = await connectDatabase(name);
  await db.dropDatabase();
  await db.close();
}

/**
 * Commits a new consumer group's offsets at the current end of `topics`, so that it reads only what
 * is published from now on. The topics hold every earlier run's messages; a group reading them from
 * the beginning (which the event client asks for) would start a saga for every order ever created.
 */
export function startGroupAtEnd(groupId: string, topics: readonly TopicName[]): Promise<void> {
  const kafka = new Kafka({
    clientId: 'orchestrator-test-positioner',
    brokers: [...config.kafka.brokers],
    logLevel: logLevel.NOTHING,
  });
  return startGroupAtTopicEnds(kafka, groupId, topics);
}

/** Removes consumer groups a test made, once their members have left. */
export async function deleteGroups(groupIds: readonly string[]): Promise<void> {
  const admin = new Kafka({
    clientId: 'orchestrator-test-cleanup',
    brokers: [...config.kafka.brokers],
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    await admin.deleteGroups([...groupIds]);
  } finally {
    await admin.disconnect();
  }
}

export interface Received {
  readonly topic: TopicName;
  readonly value: unknown;
  readonly context: MessageContext;
}

/**
 * A consumer of `topics` in a group of its own, from now on. Tests pick out their messages by key (a
 * fresh order id per test), since other tests publish on the same topics. A message can arrive more
 * than once (at least once), so `forKey` keeps the first delivery of each message id.
 */
export async function startListener(topics: readonly TopicName[]) {
  const client = createEventClient({ config, service: 'orchestrator-test-listener', logger: quietLogger });
  const received: Received[] = [];
  for (const topic of topics) {
    client.subscribe(topic, (value, context) => {
      received.push({ topic, value, context });
      return Promise.resolve();
    });
  }
  const groupId = `orchestrator-test-listener-${randomUUID()}`;
  await startGroupAtEnd(groupId, topics);
  await client.start(groupId);
  return {
    received,
    forKey: (key: string) => {
      const seen = new Set<string>();
      return received.filter(
        (r) => r.context.key === key && !seen.has(r.context.id) && seen.add(r.context.id),
      );
    },
    stop: async () => {
      await client.disconnect();
      await deleteGroups([groupId]);
    },
  };
}

/** Polls `condition` until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
