/**
 * The store operations the platform's source must not use, because a store it runs on (FerretDB 1.24,
 * on SQLite or PostgreSQL) gets them wrong, mostly without an error. Each rule names the quirk probe
 * in test-integration/quirks.spec.ts that measures it on the configured store.
 */
export const storeUsageRules = {
  pull: {
    forbids: '$pull (only $pullAll of exact values)',
    why: 'uses $pull (or a mongoose array .pull()): a $pull with a condition modifies nothing on FerretDB, and an exact-value $pull depends on field order there; remove exact values with $pullAll',
  },
  'elem-match': {
    forbids: '$elemMatch',
    why: 'uses $elemMatch: on subdocument fields FerretDB finds nothing or fails with "unknown operator"',
  },
  aggregation: {
    forbids: 'aggregation ($group, accumulators, $lookup)',
    why: 'uses an aggregation ($group, an accumulator, $lookup or .aggregate()): FerretDB gives $sum: 1 beside $sum: "$v" as 0, and has no $lookup',
  },
  positional: {
    forbids: 'positional paths or arrayFilters',
    why: 'uses a positional path (.$, .$[], .$[id]) or arrayFilters: FerretDB does nothing on PostgreSQL, fails on SQLite, and has no arrayFilters',
  },
  'ne-through-array': {
    forbids: '$ne/$nin through a path into an array of subdocuments',
    why: 'uses $ne/$nin on a path into an array of subdocuments (or against a whole subdocument): FerretDB evaluates it element by element, so another element that differs makes it match',
  },
  'duplicate-key-code': {
    forbids: 'test for code 11000 outside isDuplicateKeyError',
    why: 'tests for code 11000 itself: FerretDB reports a duplicate key caused by an update as code 1; recognise duplicates with isDuplicateKeyError only',
  },
  'duplicate-key-from-update': {
    forbids: 'duplicate key error of an update taken as an outcome',
    why: 'treats a duplicate key error of an update (or upsert) as an outcome: FerretDB reports it as code 1 with a backend-specific message, not 11000',
  },
  upsert: {
    forbids: 'upsert or $setOnInsert',
    why: 'uses an upsert or $setOnInsert: FerretDB 1.24 drops null and empty-array values from $setOnInsert; insert, and treat the duplicate key as "exists"',
  },
  'path-equality-in-write': {
    forbids:
      'equality on a dotted path at the top of a write’s filter (only arrayElementWith or a decision’s guard)',
    why: 'compares a dotted path by equality at the top of an update’s, delete’s or findAndModify’s filter: FerretDB 1.24 on PostgreSQL pushes it down into SQL, where a path into an array of subdocuments matches nothing, so the write silently misses; write through the aggregate runtime (its guardFilter wraps a decision’s guard in $and) or use arrayElementWith',
  },
  'find-and-modify-projection': {
    forbids: 'projection on findOneAndUpdate',
    why: 'gives findOneAndUpdate (findAndModify) a projection: FerretDB 1.24 refuses it as not implemented',
  },
} as const;

export type StoreUsageRule = keyof typeof storeUsageRules;
