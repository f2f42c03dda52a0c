/**
 * Whether a store error is a unique-index violation. MongoDB reports code 11000 on inserts and updates;
 * FerretDB does so on inserts, but an update that violates a unique index comes back as code 1 with
 * its backend's own words: "duplicate key value violates unique constraint" from PostgreSQL (the
 * local stack's), "UNIQUE constraint failed" from SQLite (FerretDB's other backend). All are recognised.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  if (e?.code === 11000 || e?.code === 11001) return true;
  return (
    e?.code === 1 &&
    typeof e.message === 'string' &&
    (e.message.includes('duplicate key value violates unique constraint') ||
      e.message.includes('UNIQUE constraint failed'))
  );
}
