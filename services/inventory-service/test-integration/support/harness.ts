import { randomUUID } from 'node:crypto';
import type mongoose from 'mongoose';
import type { OrderLine, TopicMessageMap, TopicName } from '@saga/contracts';
import { runService, type RunningService } from '@saga/service-kit';
import { memoryLogger, type TestNamespace } from '@saga/testing';
import { reservationModel } from '../../src/model/reservation-model.ts';
import { stockModel } from '../../src/model/stock-model.ts';
import { inventoryService, type InventoryServiceOptions } from '../../src/service.ts';

/** The topics the service answers on. */
export const replyTopics = [
  'inventory.reserved',
  'inventory.failed',
  'inventory.completed',
  'inventory.released',
] as const satisfies readonly TopicName[];
export type ReplyTopicName = (typeof replyTopics)[number];

export interface TestInventory {
  readonly running: RunningService;
  readonly url: string;
  readonly dbName: string;
  readonly log: Record<string, unknown>[];
  /** A new order id. */
  newOrder(): string;
  stop(): Promise<void>;
}

/**
 * Runs the inventory service as its launcher would, inside the suite's namespace (its topics, a
 * consumer group and a database of its own, the test tokens), on a free port; the namespace stops it
 * on close, and drops its database. Pass `dbName` to start it on a database of the namespace prepared
 * beforehand (a crash left behind, for instance).
 */
export async function startInventory(
  ns: TestNamespace,
  options: {
    dbName?: string;
    service?: InventoryServiceOptions;
    /** Start it with `?maxPoolSize=10` in MONGO_URL instead of the platform's default pool of 8. */
    pooledStore?: boolean;
  } = {},
): Promise<TestInventory> {
  const inNamespace = ns.serviceOptions('inventory-service');
  const dbName = options.dbName ?? ns.dbName(`inventory-${randomUUID().slice(0, 8)}`);
  const { logger, lines } = memoryLogger('inventory-service');
  const running = await runService(inventoryService(options.service), {
    ...inNamespace,
    // A pool size of the URL's own, instead of the platform's 8.
    env: options.pooledStore ? pooledStoreEnv(inNamespace.env) : inNamespace.env,
    dbName,
    logger,
    relayIntervalMs: 100,
  });
  ns.cleanup(() => running.stop());
  return {
    running,
    url: running.url,
    dbName,
    log: lines,
    newOrder: () => randomUUID(),
    stop: () => running.stop(),
  };
}

/** The running service's models, for tests that look at (or prepare) what is stored. */
export function modelsOf(db: mongoose.Connection) {
  return { Stock: stockModel(db), Reservation: reservationModel(db) };
}

/**
 * A connection of the test's own to a database of the namespace (the service's, before it starts, or
 * one with no service at all). A pool of several sockets, unlike the service's single connection, so
 * the store may run its operations side by side.
 */
export function openDatabase(ns: TestNamespace, dbName: string): Promise<mongoose.Connection> {
  return ns.connectDatabase(dbName, { maxPoolSize: 20 });
}

/** Plays the orchestrator: sends the commands, each with a message id the test may fix (to redeliver one). */
export async function startOrchestratorStub(ns: TestNamespace) {
  const client = await ns.publisher(['inventory.reserve', 'inventory.commit', 'inventory.release']);
  const send = async <T extends 'inventory.reserve' | 'inventory.commit' | 'inventory.release'>(
    topic: T,
    value: TopicMessageMap[T],
    id: string = randomUUID(),
  ) => {
    await client.publish(topic, value.orderId, value, { id });
    return id;
  };
  return {
    reserve: (
      orderId: string,
      items: readonly Pick<OrderLine, 'sku' | 'quantity'>[],
      id?: string,
      currency: string | null = 'EUR',
    ) => send('inventory.reserve', reserveCommand(orderId, items, currency), id),
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
    stop: () => client.stop(),
  };
}

/**
 * The reserve command for an order's lines in `currency` (null: the currency left to the catalogue),
 * as the orchestrator sends it: the deprecated unit prices zero, since inventory prices the lines.
 */
export function reserveCommand(
  orderId: string,
  items: readonly Pick<OrderLine, 'sku' | 'quantity'>[],
  currency: string | null = 'EUR',
): TopicMessageMap['inventory.reserve'] {
  return {
    orderId,
    sagaId: sagaOf(orderId),
    items: items.map(({ sku, quantity }) => ({
      sku,
      quantity,
      unitPrice: { amountMinor: 0, currency: currency ?? 'EUR' },
    })),
    currency,
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

/**
 * Plays the orchestrator's ears: collects the service's replies in a consumer group of its own, once
 * per message id (the outbox relay may send one twice).
 */
export async function startReplyListener(ns: TestNamespace) {
  const listener = await ns.listen(replyTopics);
  return {
    forOrder: (orderId: string) => listener.forKey(orderId),
    /** The order's replies on `topic` once there are `count` of them (distinct message ids). */
    waitFor: <T extends ReplyTopicName>(orderId: string, topic: T, count = 1) =>
      listener.waitFor(orderId, topic, count),
    stop: () => listener.stop(),
  };
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
