import type mongoose from 'mongoose';
import { outboxField } from '../outbox/outbox-entry.ts';
import type { AnyModel } from '../store/any-model.ts';
import { isDuplicateKeyError } from '../store/duplicate-key-error.ts';

/**
 * Where an aggregate's finished documents go, so that the collection the hot path reads holds work in
 * flight only and a store's cost per message does not grow with history (finished sagas would
 * otherwise outnumber running ones a thousand to one). Views and operators read both.
 *
 * Moving is transparent to the write path: the aggregate runtime finds an archived document when the
 * hot collection has none (so a redelivered starting message finds its saga finished and starts no
 * second one), and a decision that would still change a finished document (a late reply that the
 * engine compensates) first brings it back into the hot collection and is then applied as any other.
 */
export interface FinishedArchive {
  /** The collection finished documents move to (e.g. `sagas_finished`). */
  readonly collection: string;
  /** A filter for finished documents in the hot collection: the start sweep's query; agrees with `isFinished`. */
  readonly finished: Readonly<Record<string, unknown>>;
  readonly isFinished: (document: Readonly<Record<string, unknown>>) => boolean;
  /**
   * What the views that read the archive look up besides `_id`. The archive is written by raw moves,
   * not through a model, so no schema builds them: ensureArchiveIndexes does, at every start.
   */
  readonly indexes?: readonly ArchiveIndex[];
}

export interface ArchiveIndex {
  readonly key: Readonly<Record<string, 1 | -1>>;
  readonly unique?: boolean;
}

const staticName = 'finishedArchive';

/**
 * A mongoose schema plugin: `schema.plugin(archiveWhenFinished, archive)` has the outbox relay move a
 * document to `archive.collection` once it is finished and its outbox is sent.
 */
export function archiveWhenFinished(schema: mongoose.Schema, archive: FinishedArchive): void {
  // A static rather than a schema option: statics survive the schema copies mongoose makes per connection.
  schema.static(staticName, () => archive);
}

/** The model's archive, when its schema declares one. */
export function finishedArchiveOf(model: AnyModel): FinishedArchive | undefined {
  const declared = (model as unknown as Record<string, unknown>)[staticName];
  return typeof declared === 'function' ? (declared as () => FinishedArchive)() : undefined;
}

/** Builds the model's archive indexes; idempotent, and cheap when they exist. */
export async function ensureArchiveIndexes(model: AnyModel): Promise<void> {
  const archive = finishedArchiveOf(model);
  if (!archive) return;
  // One at a time, as mongoose builds a schema's: FerretDB 1.24 panics (and drops the connection)
  // on one createIndexes of several indexes that all exist already (store contract, indexes.spec.ts).
  for (const { key, unique } of archive.indexes ?? []) {
    await archiveOf(model, archive).createIndexes([{ key: { ...key }, ...(unique ? { unique } : {}) }]);
  }
}

type Stored = Record<string, unknown> & { _id: unknown };

function archiveOf(model: AnyModel, archive: FinishedArchive): mongoose.mongo.Collection<Stored> {
  return model.db.collection<Stored>(archive.collection);
}

/** The archived document with this id, or null. */
export async function findArchived(
  model: AnyModel,
  archive: FinishedArchive,
  id: unknown,
): Promise<Stored | null> {
  return archiveOf(model, archive).findOne({ _id: id } as never);
}

/**
 * The document with this id wherever it is, for views and for reads outside the write path: the hot
 * collection first (a copy there wins over an archived one, see archiveIfFinished), then the model's
 * archive when it declares one. `projection` is a MongoDB projection, applied in both.
 */
export async function findCurrent<T>(
  model: AnyModel,
  id: unknown,
  projection?: Readonly<Record<string, 0 | 1>>,
): Promise<T | null> {
  const options = projection ? { projection } : {};
  const hot = model.collection as unknown as mongoose.mongo.Collection<Stored>;
  const found = await hot.findOne({ _id: id } as never, options);
  if (found) return found as T;
  const archive = finishedArchiveOf(model);
  return archive
    ? ((await archiveOf(model, archive).findOne({ _id: id } as never, options)) as T | null)
    : null;
}

/**
 * Moves the document to the archive if it is finished and has nothing left to send: copy first, then
 * delete, so a crash in between leaves it in both places (the hot copy wins every read, and the
 * relay's start sweep moves it again). Run as the document's single writer.
 * @returns whether it moved
 */
export async function archiveIfFinished(
  model: AnyModel,
  archive: FinishedArchive,
  id: unknown,
): Promise<boolean> {
  const hot = model.collection as unknown as mongoose.mongo.Collection<Stored>;
  const document = await hot.findOne({ _id: id } as never);
  if (!document) return false;
  const outbox = document[outboxField];
  if (Array.isArray(outbox) && outbox.length > 0) return false;
  if (!archive.isFinished(document)) return false;
  await copyInto(archiveOf(model, archive), document);
  await hot.deleteOne({ _id: id } as never);
  return true;
}

/**
 * Brings an archived document back into the hot collection, for a decision that changes it: copy
 * first, then delete from the archive (a crash in between leaves both; the hot copy wins, and moves
 * back once finished again). Run as the document's single writer.
 */
export async function restoreFromArchive(
  model: AnyModel,
  archive: FinishedArchive,
  document: Stored,
): Promise<void> {
  const hot = model.collection as unknown as mongoose.mongo.Collection<Stored>;
  await copyInto(hot, document);
  await archiveOf(model, archive).deleteOne({ _id: document._id } as never);
}

/**
 * Writes the document into `collection` as it is: an insert, or, when a copy is there already (a move
 * a crash interrupted), a replace of that copy. Not an upsert: FerretDB 1.24 drops null and
 * empty-array values from what an upsert inserts (store contract).
 */
async function copyInto(collection: mongoose.mongo.Collection<Stored>, document: Stored): Promise<void> {
  try {
    await collection.insertOne(document);
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    await collection.replaceOne({ _id: document._id } as never, document);
  }
}
