import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { pino, type Logger } from 'pino';
import { loadConfig } from '@saga/config';
import type { OrderLine, TopicMessageMap, TopicName } from '@saga/contracts';
import { createEventClient, type EventClient, type MessageContext } from '@saga/events';
import { runService, type RunningService, type ServiceDefinition } from '@saga/service-kit';
import { reservationModel } from '../../src/model/reservation-model.ts';
import { stockModel } from '../../src/model/stock-model.ts';
import { inventoryService, type InventoryServiceOptions } from '../../src/service.ts';
import { withTestTokens } from './http.ts';

export const config = loadConfig();

/** The topics the service answers on. */
export const replyTopics = [
  'inventory.reserved',
  'inventory.failed',
  'inventory.completed',
  'inventory.released',
] as const satisfies readonly TopicName[];
export type ReplyTopicName = (typeof replyTopics)[number];

/** A logger that keeps every line in memory, so tests can check what the service said it ignored. */
export function memoryLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const echo = process.env.TEST_LOG === '1';
  const logger = pino(
    { level: 'info', base: { component: 'inventory-service' } },
    {
      write: (line: string) => {
        lines.push(JSON.parse(line) as Record<string, unknown>);
        if (echo) process.stdout.write(line);
      },
    },
  );
  return { logger, lines };
}

/**
 * The service's definition, except that its handlers only see this test file's orders: the topics
 * are shared with every other test run, and answering someone else's command would disturb that test.
 */
function onlyOwnOrders(definition: ServiceDefinition, own: ReadonlySet<string>): ServiceDefinition {
  const handlersOf = definition.handlers;
  if (!handlersOf) throw new Error('the inventory service has no handlers');
  return {
    ...definition,
    handlers: (ctx) => {
      type AnyHandler = (value: { orderId: string }, context: MessageContext) => Promise<void>;
      const handlers = handlersOf(ctx) as Record<string, AnyHandler>;
      const filtered: Record<string, AnyHandler> = {};
      for (const [topic, handler] of Object.entries(handlers)) {
        filtered[topic] = (value, context) =>
          own.has(value.orderId) ? handler(value, context) : Promise.resolve();
      }
      return filtered;
    },
  };
}

export interface TestInventory {
  readonly running: RunningService;
  readonly url: string;
  readonly dbName: string;
  readonly log: Record<string, unknown>[];
  /** A new order id that the service will handle commands for. */
  newOrder(): string;
  /** Lets the service handle commands for an order id made elsewhere. */
  adopt(orderId: string): void;
  stop(): Promise<void>;
}

/** A fresh database name for one test file's service. */
export function testDbName(): string {
  return `inventory_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}

/**
 * Runs the inventory service as its launcher would, on a free port, with a database and consumer
 * group of its own and the test tokens (support/http.ts); `stop` stops it and drops the database. Pass `dbName` to start it on a database
 * prepared beforehand (a crash left behind, for instance), and `orders` for orders it must know.
 */
export async function startInventory(
  options: {
    dbName?: string;
    orders?: Iterable<string>;
    service?: InventoryServiceOptions;
    /** Start it with `?maxPoolSize=10` in MONGO_URL instead of the platform's default pool of 8. */
    pooledStore?: boolean;
  } = {},
): Promise<TestInventory> {
  const own = new Set<string>(options.orders ?? []);
  const dbName = options.dbName ?? testDbName();
  const { logger, lines } = memoryLogger();
  const running = await runService(onlyOwnOrders(inventoryService(options.service), own), {
    // A pool size of the URL's own, instead of the platform's 8.
    env: withTestTokens(options.pooledStore ? pooledStoreEnv(process.env) : process.env),
    port: 0,
    host: '127.0.0.1',
    dbName,
    groupId: `inventory-test-${randomUUID()}`,
    handleSignals: false,
    logger,
    relayIntervalMs: 100,
  });
  return {
    running,
    url: running.url,
    dbName,
    log: lines,
    newOrder: () => {
      const orderId = randomUUID();
      own.add(orderId);
      return orderId;
    },
    adopt: (orderId) => own.add(orderId),
    stop: async () => {
      await running.context.db.dropDatabase();
      await running.stop();
    },
  };
}

/** The running service's models, for tests that look at (or prepare) what is stored. */
export function modelsOf(db: mongoose.Connection) {
  return { Stock: stockModel(db), Reservation: reservationModel(db) };
}

/**
 * A connection of the test's own to a database (the service's, before it starts, or one with no
 * service at all). A pool of several sockets, unlike the service's single connection, so the store
 * may run its operations side by side.
 */
export async function openDatabase(dbName: string): Promise<mongoose.Connection> {
  return mongoose
    .createConnection(config.mongo.url, { dbName, serverSelectionTimeoutMS: 5000, maxPoolSize: 20 })
    .asPromise();
}

/** Plays the orchestrator: sends the commands, each with a message id the test may fix (to redeliver one). */
export async function startOrchestratorStub() {
  const client = createEventClient({ config, service: 'inventory-test-orchestrator', logger: quietLogger() });
  await client.connect({ publishes: ['inventory.reserve', 'inventory.commit', 'inventory.release'] });
  const send = async <T extends 'inventory.reserve' | 'inventory.commit' | 'inventory.release'>(
    topic: T,
    value: TopicMessageMap[T],
    id: string = randomUUID(),
  ) => {
    await client.publish(topic, value.orderId, value, { id });
    return id;
  };
  return {
    reserve: (orderId: string, items: readonly Pick<OrderLine, 'sku' | 'quantity'>[], id?: string) =>
      send('inventory.reserve', reserveCommand(orderId, items), id),
    commit: (orderId: string, reservationId: string, id?: string) =>
      send(
        'inventory.commit',
        { orderId, sagaId: sagaOf(orderId), reservationId, paymentId: randomUUID(), requestedAt: new Date() },
        id,
      ),
    release: (orderId: string, reservationId: string, id?: string) =>
      send(
        'inventory.release',
        {
          orderId,
          sagaId: sagaOf(orderId),
          reservationId,
          reason: 'PAYMENT_DECLINED',
          requestedAt: new Date(),
        },
        id,
      ),
    stop: () => client.disconnect(),
  };
}

/** The reserve command for an order's lines, priced at one euro a unit (inventory ignores prices). */
export function reserveCommand(
  orderId: string,
  items: readonly Pick<OrderLine, 'sku' | 'quantity'>[],
): TopicMessageMap['inventory.reserve'] {
  return {
    orderId,
    sagaId: sagaOf(orderId),
    items: items.map(({ sku, quantity }) => ({
      sku,
      quantity,
      unitPrice: { amountMinor: 100, currency: 'EUR' },
    })),
    requestedAt: new Date(),
  };
}

/** Every test order's saga id, derived from the order id so that replies can be checked against it. */
const sagas = new Map<string, string>();
export function sagaOf(orderId: string): string {
  let sagaId = sagas.get(orderId);
  if (!sagaId) {
    sagaId = randomUUID();
    sagas.set(orderId, sagaId);
  }
  return sagaId;
}

export interface Reply<T extends ReplyTopicName = ReplyTopicName> {
  readonly topic: T;
  readonly value: TopicMessageMap[T];
  readonly context: MessageContext;
}

/**
 * Plays the orchestrator's ears: collects the service's replies in a consumer group of its own.
 * A reply is counted once per message id, as a consumer dedupes: the outbox relay may send one twice.
 */
export async function startReplyListener() {
  const client: EventClient<TopicMessageMap> = createEventClient({
    config,
    service: 'inventory-test-listener',
    logger: quietLogger(),
  });
  const received: Reply[] = [];
  const seen = new Set<string>();
  for (const topic of replyTopics) {
    client.subscribe(topic, (value, context) => {
      if (!seen.has(context.id)) {
        seen.add(context.id);
        received.push({ topic, value, context });
      }
      return Promise.resolve();
    });
  }
  await client.start(`inventory-test-listener-${randomUUID()}`);
  const forOrder = (orderId: string) => received.filter((reply) => reply.context.key === orderId);
  return {
    forOrder,
    /** The order's replies on `topic` once there are `count` of them (distinct message ids). */
    async waitFor<T extends ReplyTopicName>(orderId: string, topic: T, count = 1): Promise<Reply<T>[]> {
      let replies: Reply<T>[] = [];
      await waitFor(`${count} ${topic} for order ${orderId}`, () => {
        replies = forOrder(orderId).filter((reply): reply is Reply<T> => reply.topic === topic);
        return replies.length >= count;
      });
      return replies;
    },
    stop: () => client.disconnect(),
  };
}

function quietLogger(): Logger {
  return pino({ level: process.env.TEST_LOG === '1' ? 'info' : 'error' });
}

/** Polls `condition` until it holds; fails naming `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Lets a little time pass, for checks that something did *not* happen. */
export function settle(ms = 1500): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A SKU of this test's own, so that tests never share stock. */
export function newSku(label = 'SKU'): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/** The environment with a store URL that asks for a pool of ten connections. */
function pooledStoreEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const url = new URL(env.MONGO_URL ?? 'mongodb://127.0.0.1:27017');
  url.searchParams.set('maxPoolSize', '10');
  return { ...env, MONGO_URL: url.toString() };
}
