import type { Db, Document, Filter } from 'mongodb';

/**
 * The documents matching `filter` in a hot collection and in the archive its finished documents move
 * to (service-kit's finished-archive.ts), as one list. A document caught between the two (a crash
 * while it moved) is in both, as one document: the hot copy wins, as it does for the services.
 */
export async function readWithArchive<T extends Document & { _id: unknown }>(
  db: Db,
  collections: { readonly hot: string; readonly archive: string },
  filter: Filter<T>,
): Promise<T[]> {
  // The hot collection first: a move copies before it deletes, so a document moving meanwhile is
  // read in one or both, never in neither.
  const hot = await db.collection<T>(collections.hot).find(filter).toArray();
  const archived = await db.collection<T>(collections.archive).find(filter).toArray();
  const inHot = new Set(hot.map((doc) => String(doc._id)));
  return [...hot, ...archived.filter((doc) => !inHot.has(String(doc._id)))] as T[];
}
