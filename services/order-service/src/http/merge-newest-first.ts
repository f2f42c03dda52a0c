/** What the order list is sorted by. */
export interface ListedOrder {
  readonly _id: string;
  readonly createdAt: Date;
}

/** The list's order as the store sorts it: newest first, the id breaking ties (list-cursor.ts). */
export const newestFirst = { createdAt: -1, _id: -1 } as const;

/**
 * Two reads of the list (the hot collection's and the archive's, each sorted newest first) as one, in
 * the same order. An order in both, which a crash while it moved leaves, is listed once: the hot copy,
 * as every other read takes it (service-kit's finished-archive.ts).
 */
export function mergeNewestFirst<T extends ListedOrder>(hot: readonly T[], archived: readonly T[]): T[] {
  const inHot = new Set(hot.map((order) => order._id));
  return [...hot, ...archived.filter((order) => !inHot.has(order._id))].sort(compareNewestFirst);
}

function compareNewestFirst(a: ListedOrder, b: ListedOrder): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime();
  if (byTime !== 0) return byTime;
  return a._id < b._id ? 1 : a._id > b._id ? -1 : 0;
}
