import type mongoose from 'mongoose';
import type { SingleWriter } from './single-writer.ts';
import { UnserializedWriteError } from './unserialized-write-error.ts';

/** Writes of one document, named by `_id` in their filter. */
const singleDocumentWrites: mongoose.MongooseQueryMiddleware[] = [
  'updateOne',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'replaceOne',
  'deleteOne',
];

/** Writes of many documents at once: a single writer per document cannot serialise them. */
const multiDocumentWrites: mongoose.MongooseQueryMiddleware[] = ['updateMany', 'deleteMany'];

/** The writer of each enforced connection. */
const writers = new WeakMap<mongoose.Connection, SingleWriter>();
/** Schemas that carry the hooks already: a schema object is shared by every connection that models it. */
const hooked = new WeakSet<mongoose.Schema>();

/**
 * Makes every model later built on `db` refuse a write that its calling code does not make as the
 * document's single writer (see single-writer.ts), with an UnserializedWriteError naming the
 * collection and document. So the rule is checked once, here, instead of trusted at each call site:
 * a new handler that forgets it fails its first test. Inserts (`save`, `create`) count as writes of
 * the new document's `_id`. Reads are free.
 *
 * A schema is one object shared by every connection that builds a model from it (several services in
 * one test process), so the hooks are added once per schema and look up the writer of the connection
 * the write goes to; a connection that is not enforced is left alone.
 */
export function enforceSingleWriter(db: mongoose.Connection, writer: SingleWriter): void {
  writers.set(db, writer);
  db.plugin((schema: mongoose.Schema) => {
    if (hooked.has(schema)) return;
    hooked.add(schema);
    schema.pre(singleDocumentWrites, { document: false, query: true }, function (this: WriteQuery) {
      const writer = writers.get(this.model.db);
      if (!writer) return;
      const collection = this.model.collection.collectionName;
      const id = idOf(this.getFilter());
      if (id === undefined) {
        throw new UnserializedWriteError(collection, this.op, undefined, 'names no _id in its filter');
      }
      if (!writer.holds(collection, id)) {
        throw new UnserializedWriteError(collection, this.op, id, 'runs outside its single writer');
      }
    });
    schema.pre(multiDocumentWrites, { document: false, query: true }, function (this: WriteQuery) {
      if (!writers.has(this.model.db)) return;
      throw new UnserializedWriteError(
        this.model.collection.collectionName,
        this.op,
        undefined,
        'writes many documents at once, which no single writer covers',
      );
    });
    schema.pre('save', function (this: mongoose.Document) {
      // Subdocuments run save hooks of their own schema too; their top-level document is what is written.
      if ((this as { $isSubdocument?: boolean }).$isSubdocument === true) return;
      const model = this.constructor as mongoose.Model<unknown>;
      const writer = writers.get(model.db);
      if (!writer) return;
      const collection = model.collection.collectionName;
      if (!writer.holds(collection, this._id)) {
        throw new UnserializedWriteError(collection, 'save', this._id, 'runs outside its single writer');
      }
    });
  });
}

/** What the hooks read of the query they run for (mongoose types `op` on the class only loosely). */
interface WriteQuery {
  readonly op: string;
  readonly model: {
    readonly db: mongoose.Connection;
    readonly collection: { readonly collectionName: string };
  };
  getFilter(): Record<string, unknown>;
}

/** The `_id` a filter names: plain, or as `{ $eq: id }` (sanitizeFilter's form). */
function idOf(filter: Record<string, unknown>): unknown {
  const id = filter._id;
  if (id !== null && typeof id === 'object' && '$eq' in id) return id.$eq;
  if (id !== null && typeof id === 'object' && Object.keys(id).some((k) => k.startsWith('$')))
    return undefined;
  return id;
}
