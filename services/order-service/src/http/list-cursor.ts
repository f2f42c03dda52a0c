import { isUuid } from '@saga/avro';

/**
 * Where a page of the order list ended: the last order's creation time and id. The list is sorted by
 * both, newest first, so the next page is what comes strictly after this pair. A position rather than
 * an offset: orders placed while a client pages do not shift what it sees next.
 */
export interface ListCursor {
  readonly createdAt: Date;
  readonly orderId: string;
}

/** The cursor as the opaque text clients pass back: base64url of `[createdAtMs, orderId]`. */
export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.getTime(), cursor.orderId])).toString('base64url');
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
  const [ms, orderId] = decoded as unknown[];
  if (!Number.isSafeInteger(ms) || !isUuid(orderId)) return undefined;
  const createdAt = new Date(ms as number);
  return Number.isNaN(createdAt.getTime()) ? undefined : { createdAt, orderId };
}
