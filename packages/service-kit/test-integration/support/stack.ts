import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { loadConfig } from '@saga/config';
import type { TopicName } from '@saga/contracts';
import { createEventClient, type MessageContext } from '@saga/events';
import { createLogger } from '@saga/logging';

export const config = loadConfig();
export const quietLogger = createLogger('service-kit-test', 'warn');

/** A database of this test run's own, dropped by `drop`. */
export async function testDatabase(): Promise<{
  db: mongoose.Connection;
  name: string;
  drop: () => Promise<void>;
}> {
  const name = `servicekit_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const db = await mongoose
    .createConnection(config.mongo.url, { dbName: name, serverSelectionTimeoutMS: 5000 })
    .asPromise();
  return {
    db,
    name,
    drop: async () => {
      await db.dropDatabase();
      await db.close();
    },
  };
}

export interface Received {
  readonly topic: string;
  readonly value: unknown;
  readonly context: MessageContext;
}

/**
 * A consumer in a group of its own, reading the topics from the beginning; tests pick out their
 * messages by key (a fresh uuid per test), since the topics also hold other runs' messages.
 */
export async function startListener(topics: readonly TopicName[]) {
  const client = createEventClient({ config, service: 'service-kit-listener', logger: quietLogger });
  const received: Received[] = [];
  for (const topic of topics) {
    client.subscribe(topic, (value, context) => {
      received.push({ topic, value, context });
      return Promise.resolve();
    });
  }
  await client.start(`service-kit-test-${randomUUID()}`);
  return {
    received,
    forKey: (key: string) => received.filter((r) => r.context.key === key),
    stop: () => client.disconnect(),
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
