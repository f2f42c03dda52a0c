import { isUuid } from '@saga/avro';

/**
 * Where a page of a newest-first list ended: the last document's creation time and id. The list is
 * sorted by both, newest first, so the next page is what comes strictly after this pair. A position
 * rather than an offset: documents created while a client pages do not shift what it sees next.
 */
export interface ListCursor {
  readonly createdAt: Date;
  /** The last document's `_id` (a uuid: an order id, a saga id). */
  readonly id: string;
}

/** The cursor as the opaque text clients pass back: base64url of `[createdAtMs, id]`. */
export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.getTime(), cursor.id])).toString('base64url');
}

/** The cursor a text stands for, or undefined when it is not one this API wrote. */
export function decodeCursor(text: string): ListCursor | undefined {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) return undefined;
  const [ms, id] = decoded as unknown[];
  if (!Number.isSafeInteger(ms) || !isUuid(id)) return undefined;
  const createdAt = new Date(ms as number);
  return Number.isNaN(createdAt.getTime()) ? undefined : { createdAt, id };
}
