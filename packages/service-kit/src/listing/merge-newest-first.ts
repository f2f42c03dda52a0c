import mongoose from 'mongoose';
import { encodeCursor, type ListCursor } from './list-cursor.ts';

/** What a newest-first list is sorted by. */
export interface Listed {
  readonly _id: string;
  readonly createdAt: Date;
}

/** The list's order as the store sorts it: newest first, the id breaking ties (list-cursor.ts). */
export const newestFirst = { createdAt: -1, _id: -1 } as const;

/**
 * The filter of what comes strictly after a cursor in (createdAt desc, _id desc) order; empty without
 * one. Its operators are marked trusted, so a connection's sanitizeFilter (guardQueries) lets them
 * through and only them.
 */
export function afterCursor(cursor: ListCursor | undefined): Record<string, unknown> {
  if (cursor === undefined) return {};
  return {
    $or: [
      { createdAt: mongoose.trusted({ $lt: cursor.createdAt }) },
      { createdAt: cursor.createdAt, _id: mongoose.trusted({ $lt: cursor.id }) },
    ],
  };
}

/**
 * Two reads of the list (a hot collection's and its finished archive's, each sorted newest first and
 * each at most `limit + 1` long) as one, in the same order. A document in both, which a crash while it
 * moved leaves, is listed once: the hot copy, as every other read takes it (finished-archive.ts).
 */
export function mergeNewestFirst<T extends Listed>(hot: readonly T[], archived: readonly T[]): T[] {
  const inHot = new Set(hot.map((document) => document._id));
  return [...hot, ...archived.filter((document) => !inHot.has(document._id))].sort(compareNewestFirst);
}

/**
 * A page of the merged reads: the first `limit`, and the cursor of the next page, null when none
 * follows. Each read asked one more than a page, which tells whether another follows without counting.
 */
export function pageOf<T extends Listed>(
  found: readonly T[],
  limit: number,
): { readonly page: T[]; readonly nextCursor: string | null } {
  const page = found.slice(0, limit);
  const last = page.at(-1);
  const next: ListCursor | undefined =
    found.length > limit && last ? { createdAt: last.createdAt, id: last._id } : undefined;
  return { page, nextCursor: next ? encodeCursor(next) : null };
}

function compareNewestFirst(a: Listed, b: Listed): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime();
  if (byTime !== 0) return byTime;
  return a._id < b._id ? 1 : a._id > b._id ? -1 : 0;
}
