import type { OutboxEntry } from '../outbox/outbox-entry.ts';

/**
 * What a pure decision asks the runtime to write, given the document as it was read (null: none yet).
 * `result` is handed back to the caller, whatever was written.
 *
 * - `insert`: the new document (its `_id` is the runtime's; the message id and outbox are added).
 * - `update`: one update of the document, applied only while `guard` still holds (and the message is
 *   not applied yet); the outbox entries are appended in the same update.
 * - `none`: nothing to write (e.g. the document is already where the message would take it).
 */
export type Decision<R> =
  | {
      readonly kind: 'insert';
      readonly document: Readonly<Record<string, unknown>>;
      readonly outbox?: readonly OutboxEntry[];
      readonly result: R;
    }
  | {
      readonly kind: 'update';
      readonly update: Readonly<Record<string, unknown>>;
      readonly guard?: Readonly<Record<string, unknown>>;
      readonly outbox?: readonly OutboxEntry[];
      readonly result: R;
    }
  | { readonly kind: 'none'; readonly result: R };

/** Decision constructors, so a decide function reads as a table of outcomes. */
export const decision = {
  insert: <R>(
    document: Readonly<Record<string, unknown>>,
    result: R,
    outbox: readonly OutboxEntry[] = [],
  ): Decision<R> => ({ kind: 'insert', document, outbox, result }),
  update: <R>(
    update: Readonly<Record<string, unknown>>,
    result: R,
    options: { guard?: Readonly<Record<string, unknown>>; outbox?: readonly OutboxEntry[] } = {},
  ): Decision<R> => ({ kind: 'update', update, result, ...options }),
  none: <R>(result: R): Decision<R> => ({ kind: 'none', result }),
};
