import mongoose, { type SchemaType } from 'mongoose';
import type { TopicMessageMap, TopicName } from '@saga/contracts';
import { PlatformError } from '@saga/errors';
import { EventClientError, type EventClient, type PreparedEvent } from '@saga/events';
import type { Logger } from '@saga/logging';
import { archiveIfFinished, finishedArchiveOf, type FinishedArchive } from '../aggregate/finished-archive.ts';
import { crashPoint } from '../crash/crash-points.ts';
import type { AnyModel } from '../store/any-model.ts';
import { createSingleWriter, type SingleWriter } from '../store/single-writer.ts';
import { idText } from '../store/id-text.ts';
import { defaultRetryPolicy, retryDelay, type RetryPolicy } from '../retry/retry-policy.ts';
import { createOutboxBacklog } from './outbox-backlog.ts';
import { outboxField, outboxPendingField } from './outbox-entry.ts';

export interface OutboxRelay {
  /**
   * Call it after a write that filled an outbox. With the written document's id (and its collection,
   * when the service relays several), the relay publishes that document at once: from `written`,
   * the document as the write left it, when given, else read by id. Without an id it looks through
   * every document at once.
   */
  nudge(documentId?: unknown, collectionName?: string, written?: RelayedDocument): void;
  /** Lets the current publish finish, removes what it sent, and stops polling. */
  stop(): Promise<void>;
  /** The entries this relay knows to be waiting, from memory (outbox-backlog.ts): for metrics. */
  backlog(): { readonly entries: number; readonly oldestCreatedAt: Date | null };
}

export interface OutboxRelayDeps {
  /** Models whose schema has an `outbox: [outboxEntrySchema]` array, of any document type: the relay reads and writes only that field. */
  readonly models: readonly AnyModel[];
  readonly events: EventClient<TopicMessageMap>;
  readonly logger: Logger;
  /**
   * How often to look through every document for entries nobody nudged about, besides the looks the
   * relay always makes: once at start (entries written before a crash) and after a failed pass. Off
   * by default: on FerretDB every such look is a scan of the collection. Tests set it to catch
   * entries their own stand-in writers leave without a nudge.
   */
  readonly intervalMs?: number;
  /**
   * The service's single writer: the relay's removal of sent entries is a write of the document like
   * any other, so it queues behind the handler writing the same document, never beside it.
   */
  readonly writer?: SingleWriter;
  /** Backoff after a failed pass (`giveUpAfterMs` is ignored: the relay never gives up). */
  readonly retryPolicy?: RetryPolicy;
  /**
   * Whether this process may write the document now (default: always). With several replicas each
   * owns some keys (key-ownership.ts in @saga/events): the relay publishes, removes and archives
   * only the documents of its own, and leaves the others to their owner's relay.
   */
  readonly mayWrite?: (model: AnyModel, doc: RelayedDocument) => boolean;
}

/**
 * How many documents one relay step reads, sends and clears together. Their store reads and writes
 * run side by side (each document's under its writer), and their entries go to the broker in one
 * request: under load, the relay's cost per entry falls as its batches fill.
 */
const batchSize = 64;
/** Store operations one relay step has in flight at most (the service's pool has 8 connections). */
const storeConcurrency = 16;
/**
 * How many sent entry ids the relay remembers: enough to cover the entries of the documents written
 * while their removal waited (a few batches), small enough to cost nothing.
 */
const recentlySentLimit = 10_000;

async function mapAtOnce<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let at = next++; at < items.length; at = next++) results[at] = await work(items[at] as T);
  };
  await Promise.all(Array.from({ length: Math.min(storeConcurrency, items.length) }, worker));
  return results;
}

async function forEachAtOnce<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  await mapAtOnce(items, work);
}

function poisonKeyOf(model: AnyModel, id: unknown): string {
  return documentKey(model.collection.collectionName, id);
}

/** A document by collection and id, as the relay's poison list and backlog name it. */
function documentKey(collection: string, id: unknown): string {
  return `${collection}:${String(id)}`;
}

/** A document as the relay reads it: its id, its outbox, and the rest when its model archives. */
export type RelayedDocument = { readonly _id: unknown; readonly [field: string]: unknown };

/** An outbox entry exactly as stored; removal matches it by this exact value. */
type StoredEntry = Record<string, unknown>;

/** A stored entry the relay cannot publish as it is: a field is missing or of the wrong type. */
export class MalformedOutboxEntryError extends PlatformError {
  readonly code = 'OUTBOX_ENTRY_MALFORMED';
  readonly retriable = false;
  constructor(
    readonly collection: string,
    readonly documentId: unknown,
    readonly problem: string,
  ) {
    super(`outbox entry in ${collection} ${String(documentId)} is malformed: ${problem}`);
  }
}

/**
 * Publishes what services wrote into their documents' `outbox` arrays, then removes exactly what it sent.
 *
 * - Each document's entries go out in array order, each with the id it was written with, in a
 *   PRODUCER span whose parent is the traceparent it was written with (a re-send is another span
 *   under the same parent); the entries of up to `batchSize` documents go in one request to the broker, and their
 *   removals run side by side, each as its document's writer. Removal comes after the broker
 *   acknowledged them, so a crash in between re-sends the same ids (at-least-once; consumers dedupe
 *   by id). Nothing is ever written and sent separately.
 * - Removal is `$pullAll` of the entries' exact stored values: FerretDB's `$pull` compares whole values
 *   only (a condition such as `{ id: { $in } }` silently matches nothing), and an entry pushed while the
 *   relay was publishing is a different value, so it stays.
 * - A document whose entry cannot be published as it is (it does not fit its schema) is a poison
 *   document: its later entries wait behind it (order), it is retried with backoff and logged as an
 *   error each time, and other documents go on. Nothing is dropped.
 * - Any other failure (broker, registry or store unreachable) ends the pass; the next one starts after
 *   a backoff by the retry policy, and picks up where this one left off.
 * - One process runs one relay per service. Several replicas would each publish the same entries:
 *   consumers dedupe them, and each relay still sends a document's entries in order.
 * - A nudge that names its document is served from the document as written, when the nudge carries
 *   it (the aggregate runtime's do: it has the document its write returned), else by reading it by
 *   id. A document as written may still hold entries the relay sent since, while their removal was
 *   queued behind that write: the relay remembers the ids it sent lately and removes such entries
 *   without sending them again. The look through
 *   every document runs at start, after a failed pass and on a nudge without an id, never on a timer
 *   unless `intervalMs` asks for it; it reads only the documents whose `outboxPending` flag is up,
 *   through its index. A poison document is nudged again, by id, when its backoff is over.
 * - A model with a finished archive (finished-archive.ts): once a document's outbox is sent and it is
 *   finished, the relay moves it there, as its single writer; the full look also moves finished
 *   documents a crash left behind.
 */
export function startOutboxRelay(deps: OutboxRelayDeps): OutboxRelay {
  const intervalMs = deps.intervalMs ?? Number.POSITIVE_INFINITY;
  const policy = deps.retryPolicy ?? defaultRetryPolicy;
  const logger = deps.logger.child({ component: 'outbox-relay' });
  const writer = deps.writer ?? createSingleWriter();
  const mayWrite = deps.mayWrite ?? (() => true);
  const backlog = createOutboxBacklog();
  const entriesOf = (doc: RelayedDocument): readonly unknown[] =>
    Array.isArray(doc[outboxField]) ? (doc[outboxField] as unknown[]) : [];
  for (const model of deps.models) {
    if (!(model.schema.path(outboxPendingField) as SchemaType | undefined)) {
      throw new TypeError(
        `model ${model.modelName} has no "${outboxField}" array with its "${outboxPendingField}" flag; declare them with the outboxFields (or aggregateFields) plugin`,
      );
    }
  }

  let stopped = false;
  const stoppedNow = () => stopped;
  /** A nudge came in during a pass: the new entry may have been written after that pass read its model. */
  let nudgedDuringPass = false;
  /** The documents nudged about since the last pass took them, by collection and id (each once). */
  const hinted = new Map<
    string,
    { readonly id: unknown; readonly collection: string | undefined; readonly written?: RelayedDocument }
  >();
  /** Ids of entries the broker has acknowledged lately, oldest first (see recentlySentLimit). */
  const recentlySent = new Set<string>();
  const rememberSent = (ids: readonly string[]) => {
    for (const id of ids) recentlySent.add(id);
    for (const id of recentlySent) {
      if (recentlySent.size <= recentlySentLimit) break;
      recentlySent.delete(id);
    }
  };
  /** Timers that nudge poison documents again once their backoff is over. */
  const retries = new Set<NodeJS.Timeout>();
  /** When the last look through every document began; 0 makes the first pass one. */
  let lastFullLookAt = 0;
  let fullLookAsked = true;
  let inBackoff = false;
  let wake: (() => void) | undefined;
  let consecutiveFailures = 0;
  /** Poison documents, by collection and id: when to try each again, with its own backoff. */
  const poisoned = new Map<string, { failures: number; retryAt: number }>();

  /** Waits `ms` (for ever when it is not finite), or until a nudge or stop wakes it. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        if (timer) clearTimeout(timer);
        wake = undefined;
        resolve();
      };
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
      wake = done;
    });

  /**
   * Sends the entries of several documents of one model in one request to the broker (each
   * document's in order), then removes what was sent and archives what is finished, document by
   * document as each one's writer, side by side. Throws when the pass must end (infrastructure failure).
   */
  const relayDocuments = async (model: AnyModel, docs: readonly RelayedDocument[]) => {
    const collection = model.collection;
    const prepared: PreparedEvent[] = [];
    const outcomes: {
      doc: (typeof docs)[number];
      sent: StoredEntry[];
      failure?: unknown;
      sighting: ReturnType<typeof backlog.seen>;
    }[] = [];
    for (const doc of docs) {
      const poison = poisoned.get(poisonKeyOf(model, doc._id));
      if (poison && poison.retryAt > Date.now()) continue;
      const sighting = backlog.seen(poisonKeyOf(model, doc._id), entriesOf(doc));
      const outcome: (typeof outcomes)[number] = { doc, sent: [], sighting };
      outcomes.push(outcome);
      for (const entry of Array.isArray(doc.outbox) ? (doc.outbox as StoredEntry[]) : []) {
        if (typeof entry.id === 'string' && recentlySent.has(entry.id)) {
          outcome.sent.push(entry); // sent already; only its removal is left
          continue;
        }
        try {
          const { id, topic, key, value, traceparent, createdAt } = readEntry(
            collection.collectionName,
            doc._id,
            entry,
          );
          // The stored traceparent is the span that wrote the entry: this send's PRODUCER span is its child.
          prepared.push(
            await deps.events.prepare(topic, key, value, { id, parent: traceparent, time: createdAt }),
          );
          outcome.sent.push(entry);
        } catch (error) {
          // A document's later entries wait behind one that cannot go out (order).
          if (!isEntryError(error)) throw error;
          outcome.failure = error;
          break;
        }
      }
    }
    if (stopped) return;
    await deps.events.sendAll(prepared);
    rememberSent(prepared.map((event) => event.meta.id));
    if (prepared.length > 0) {
      logger.debug(
        { collection: collection.collectionName, entries: prepared.length },
        'outbox entries published',
      );
    }
    await forEachAtOnce(outcomes, async ({ doc, sent, failure, sighting }) => {
      // Removes exactly the sent entries, even when a later one failed: they must not go out twice needlessly.
      // If this write fails, the entries stay and are re-sent with the same ids on the next pass.
      // Ownership can move while the broker is answering: the new owner's relay sends them again.
      if (!mayWrite(model, doc)) {
        backlog.forget(poisonKeyOf(model, doc._id));
        return;
      }
      if (sent.length > 0) {
        crashPoint('after-publish-before-outbox-removal');
        await writer.run(model, doc._id, () => removeSent(collection, doc._id, sent));
      }
      if (failure === undefined) {
        backlog.cleared(poisonKeyOf(model, doc._id), sighting);
        poisoned.delete(poisonKeyOf(model, doc._id));
        await archiveIfDone(model, doc);
      } else {
        holdPoison(model, doc, sent.length, failure);
      }
    });
  };

  /** A document with an entry that cannot be published: retried by id after its own backoff, logged each time. */
  const holdPoison = (
    model: AnyModel,
    doc: { _id: unknown; outbox?: unknown },
    at: number,
    error: unknown,
  ) => {
    const key = poisonKeyOf(model, doc._id);
    const failures = (poisoned.get(key)?.failures ?? 0) + 1;
    const retryInMs = retryDelay(policy, failures);
    poisoned.set(key, { failures, retryAt: Date.now() + retryInMs });
    const retryTimer = setTimeout(() => {
      retries.delete(retryTimer);
      nudge(doc._id, model.collection.collectionName);
    }, retryInMs + 1);
    retryTimer.unref();
    retries.add(retryTimer);
    const entries = Array.isArray(doc.outbox) ? (doc.outbox as StoredEntry[]) : [];
    logger.error(
      {
        collection: model.collection.collectionName,
        document: doc._id,
        entry: entries[at]?.id,
        code: (error as { code?: string }).code,
        err: (error as Error).message,
        retryInMs,
      },
      'outbox entry cannot be published; it and the entries after it wait, fix the value or its schema',
    );
  };

  /**
   * Moves a document whose outbox is sent to its model's finished archive, if it has one and the
   * document was finished as the relay read it. One that was not costs no read: the write that
   * finishes it nudges the relay again (the aggregate runtime nudges for every finished document).
   */
  const archiveIfDone = async (model: AnyModel, asRead: RelayedDocument) => {
    const archive = finishedArchiveOf(model);
    if (!archive || stopped || !archive.isFinished(asRead) || !mayWrite(model, asRead)) return;
    await moveIfFinished(model, archive, asRead._id);
  };

  /** Moves the document as its single writer, once a fresh read confirms it is finished and sent. */
  const moveIfFinished = async (model: AnyModel, archive: FinishedArchive, id: unknown) => {
    const moved = await writer.run(model, id, () => archiveIfFinished(model, archive, id));
    if (moved) logger.debug({ collection: model.collection.collectionName, document: id }, 'archived');
  };

  /** What the relay reads of a document: its outbox, and all of it when the model archives finished ones or ownership needs its key. */
  const relayProjection = (model: AnyModel) =>
    finishedArchiveOf(model) || deps.mayWrite ? {} : { projection: { [outboxField]: 1 } };

  /** Finished documents a crash left in the hot collection (moved to neither place, or to both). */
  const archiveLeftovers = async (model: AnyModel) => {
    const archive = finishedArchiveOf(model);
    if (!archive) return;
    const finished = await model.collection.find(archive.finished as never).toArray();
    for (const doc of finished) {
      if (stopped) return;
      if (mayWrite(model, doc)) await moveIfFinished(model, archive, doc._id);
    }
  };

  /** The documents nudged about, as written or read by id side by side, and relayed together per model. */
  const relayHinted = async (): Promise<void> => {
    const documents = [...hinted.values()];
    hinted.clear();
    for (const model of deps.models) {
      const mine = documents.filter(
        ({ collection }) => collection === undefined || collection === model.collection.collectionName,
      );
      for (let at = 0; at < mine.length && !stopped; at += batchSize) {
        const read = await mapAtOnce(
          mine.slice(at, at + batchSize),
          async ({ id, collection, written }): Promise<RelayedDocument | null> =>
            collection !== undefined && written
              ? written
              : await model.collection.findOne({ _id: id } as never, relayProjection(model)),
        );
        await relayRead(
          model,
          read.filter((doc) => doc !== null),
        );
      }
    }
  };

  /** Relays the documents with entries, and archives the finished ones without. */
  const relayRead = async (model: AnyModel, all: readonly RelayedDocument[]) => {
    const docs = all.filter((doc) => mayWrite(model, doc));
    const withEntries = docs.filter((doc) => entriesOf(doc).length > 0);
    // What is not this relay's to send, or has nothing to send, is no backlog of its own.
    for (const doc of all) {
      if (!withEntries.includes(doc)) backlog.forget(poisonKeyOf(model, doc._id));
    }
    if (withEntries.length > 0) await relayDocuments(model, withEntries);
    await forEachAtOnce(
      docs.filter((doc) => !withEntries.includes(doc)),
      (doc) => archiveIfDone(model, doc),
    );
  };

  /**
   * One pass: the nudged documents, then, when it is due, every model's documents with entries.
   * 'failed' when the store or the broker did, else 'done' or 'stopped'.
   */
  const relayOnce = async (): Promise<'done' | 'failed' | 'stopped'> => {
    nudgedDuringPass = false;
    try {
      await relayHinted();
      if (!fullLookAsked && Date.now() - lastFullLookAt < intervalMs) return stopped ? 'stopped' : 'done';
      fullLookAsked = false;
      lastFullLookAt = Date.now();
      for (const model of deps.models) {
        // The pending flag, indexed: only the documents with entries are read, on any store.
        const cursor = model.collection.find({ [outboxPendingField]: true }, relayProjection(model));
        try {
          let batch: RelayedDocument[] = [];
          for await (const doc of cursor) {
            if (stopped) return 'stopped';
            batch.push(doc);
            if (batch.length === batchSize) {
              await relayRead(model, batch);
              batch = [];
            }
          }
          await relayRead(model, batch);
        } finally {
          await cursor.close();
        }
        await archiveLeftovers(model);
      }
      return stopped ? 'stopped' : 'done';
    } catch (error) {
      // What this pass did not finish is found by the next full look.
      fullLookAsked = true;
      consecutiveFailures++;
      logger.warn(
        { err: error instanceof Error ? error.message : String(error), failures: consecutiveFailures },
        'outbox relay pass failed; entries stay and are retried',
      );
      return stopped ? 'stopped' : 'failed';
    }
  };

  const loop = async () => {
    while (!stopped) {
      const outcome = await relayOnce();
      // A stop during the pass's last await finds no pause to wake: it is seen here instead (read
      // through a function: the loop's condition narrowed `stopped`, which stop() changes meanwhile).
      if (outcome === 'stopped' || stoppedNow()) break;
      if (outcome === 'done') {
        consecutiveFailures = 0;
        if (nudgedDuringPass) continue;
        await pause(Math.max(0, lastFullLookAt + intervalMs - Date.now()));
      } else {
        // While backing off, nudges do not cut the wait short: a broken broker must not be hammered per write.
        inBackoff = true;
        await pause(retryDelay(policy, consecutiveFailures));
        inBackoff = false;
      }
    }
  };
  const running = loop();

  function nudge(documentId?: unknown, collectionName?: string, written?: RelayedDocument): void {
    if (documentId === undefined) fullLookAsked = true;
    else {
      if (written && collectionName !== undefined)
        backlog.seen(documentKey(collectionName, documentId), entriesOf(written));
      hinted.set(`${collectionName ?? '*'}/${idText(documentId)}`, {
        id: documentId,
        collection: collectionName,
        ...(written ? { written } : {}),
      });
    }
    nudgedDuringPass = true;
    if (!inBackoff) wake?.();
  }

  return {
    nudge,
    backlog: () => backlog.reading(),
    async stop() {
      stopped = true;
      for (const timer of retries) clearTimeout(timer);
      retries.clear();
      wake?.();
      await running;
    },
  };
}

/**
 * Removes the sent entries, and lowers the pending flag when they were all there were: guarded by the
 * outbox's size, so an entry appended since the relay read the document (its writer may have written
 * in between) keeps the flag up. One write either way; the second only when the guard missed.
 */
async function removeSent(collection: AnyModel['collection'], id: unknown, sent: readonly StoredEntry[]) {
  const emptied = await collection.updateOne(
    { _id: id, [outboxField]: mongoose.trusted({ $size: sent.length }) } as never,
    { $pullAll: { [outboxField]: sent }, $set: { [outboxPendingField]: false } } as never,
  );
  if (emptied.matchedCount === 0) {
    await collection.updateOne({ _id: id } as never, { $pullAll: { [outboxField]: sent } } as never);
  }
}

/** Problems with the entry itself (it will never publish as it is), as opposed to infrastructure failures. */
function isEntryError(error: unknown): boolean {
  return (
    (error instanceof EventClientError || error instanceof MalformedOutboxEntryError) && !error.retriable
  );
}

function readEntry(collection: string, documentId: unknown, entry: StoredEntry) {
  const { id, topic, key, value, traceparent, createdAt } = entry;
  const problem =
    typeof id !== 'string' || id === ''
      ? 'no id'
      : typeof topic !== 'string'
        ? 'no topic'
        : typeof key !== 'string'
          ? 'no key'
          : typeof traceparent !== 'string'
            ? 'no traceparent'
            : !(createdAt instanceof Date)
              ? 'no createdAt'
              : undefined;
  if (problem) throw new MalformedOutboxEntryError(collection, documentId, problem);
  return {
    id: id as string,
    topic: topic as TopicName,
    key: key as string,
    value: value as TopicMessageMap[TopicName],
    traceparent: traceparent as string,
    createdAt: createdAt as Date,
  };
}
