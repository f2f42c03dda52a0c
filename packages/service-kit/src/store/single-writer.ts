import { AsyncLocalStorage } from 'node:async_hooks';
import { createKeyedQueue } from '../concurrency/keyed-queue.ts';
import { idText } from './id-text.ts';

/** What the writer needs of a model: the name of the collection its documents live in. */
export interface WrittenModel {
  readonly collection: { readonly collectionName: string };
}

/**
 * The one writer of each document in this process. Every write to a document (a consumer's handler,
 * the outbox relay's removal of sent entries, an admin's HTTP write, the deadline scheduler, a recovery
 * sweep) runs inside `run(Model, id, work)`, after every earlier work on that document has settled and
 * before any later one. Across processes, Kafka gives the same: a key's partition has one consumer.
 *
 * Why it is the platform's concurrency control rather than a retry on a lost guard: FerretDB 1.x runs
 * an update as read, change, write the whole document, so two concurrent conditional updates of one
 * document both "succeed" (measured: 2-8 winners of 20 version-guarded updates over 8 connections).
 * With one writer per document there is nothing to race, on any store, and a pool of connections is
 * safe. Store connections of a running service refuse writes made outside it (enforceSingleWriter).
 *
 * Work may nest: a document the caller holds already is entered at once (re-entrant), and another
 * document is queued for. Nesting must always take documents in one order (a reservation, then its
 * SKUs; never a SKU, then a reservation), or two works could wait for each other.
 */
export interface SingleWriter {
  run<T>(model: WrittenModel, id: unknown, work: () => PromiseLike<T>): Promise<T>;
  /** Whether the calling async context is the writer of that document now. */
  holds(collectionName: string, id: unknown): boolean;
  /** Documents with work running or queued. */
  readonly size: number;
}

export function createSingleWriter(): SingleWriter {
  const queue = createKeyedQueue();
  const held = new AsyncLocalStorage<ReadonlySet<string>>();
  const holds = (key: string) => held.getStore()?.has(key) ?? false;
  return {
    run<T>(model: WrittenModel, id: unknown, work: () => PromiseLike<T>): Promise<T> {
      const key = documentKey(model.collection.collectionName, id);
      // Awaited in here, so that a lazy thenable (a mongoose Query runs when `then` is called) runs
      // inside the writer's context rather than wherever the promise machinery calls `then`.
      const inside = async () => await work();
      if (holds(key)) return inside();
      const outer = held.getStore() ?? new Set<string>();
      return queue.run(key, () => held.run(new Set([...outer, key]), inside));
    },
    holds: (collectionName, id) => holds(documentKey(collectionName, id)),
    get size() {
      return queue.size;
    },
  };
}

function documentKey(collectionName: string, id: unknown): string {
  return `${collectionName}/${idText(id)}`;
}
