import { setTimeout as sleep } from 'node:timers/promises';
import type mongoose from 'mongoose';
import type { Logger } from '@saga/logging';
import { markProcessed, notYetProcessed, processedMessagesField } from '../inbox/processed-messages.ts';
import { appendToOutbox, outboxField, outboxPendingField, type OutboxEntry } from '../outbox/outbox-entry.ts';
import type { OutboxRelay, RelayedDocument } from '../outbox/outbox-relay.ts';
import { retryDelay, type RetryPolicy } from '../retry/retry-policy.ts';
import { combineUpdates } from '../store/combine-updates.ts';
import { isDuplicateKeyError } from '../store/duplicate-key-error.ts';
import type { SingleWriter } from '../store/single-writer.ts';
import type { AnyModel } from '../store/any-model.ts';
import type { Decision } from './decision.ts';
import { findArchived, finishedArchiveOf, restoreFromArchive } from './finished-archive.ts';
import { GuardLostError } from './guard-lost-error.ts';
import { guardFilter } from './guard-filter.ts';

/** The message a decision applies: its id is recorded in the same write, so it is applied once. */
export interface AppliedMessage {
  readonly id: string;
}

/** What applying a decision came to. `document` is the document as written (null for `unchanged`). */
export type Applied<S, R> =
  | { readonly kind: 'applied'; readonly result: R; readonly document: S }
  | { readonly kind: 'unchanged'; readonly result: R; readonly document: S | null }
  /** The message was applied to this document before: nothing was decided or written. */
  | { readonly kind: 'duplicate'; readonly document: S };

export interface ApplyOptions<S, R> {
  /** Dedupe by this message's id, recorded in the same write (absent for sweeps and admin writes). */
  readonly message?: AppliedMessage;
  /** Pure: the document as read (null when there is none) → what to write. */
  readonly decide: (state: S | null) => Decision<R>;
  /**
   * The document almost certainly does not exist yet (its id is fresh, e.g. a new order): decide on
   * null without reading, and read only when the insert collides. Saves a lookup per create, which
   * on FerretDB is a scan of the collection.
   */
  readonly expectNew?: boolean;
  /**
   * The document as the caller got it from this runtime (or read it) inside the same writer run,
   * null when the collection had none: the first decision is made on it without a read. Nothing in
   * this process can have written it since; if it is not as given after all (another process wrote
   * it, or it was an archived copy), the write misses and the runtime reads and decides again at
   * once. Saves a lookup per step of a multi-step handler.
   */
  readonly current?: S | null;
}

/**
 * The one write path of every service: read by `_id` → decide → one guarded write that records the
 * message id, changes the state and appends the outbox → nudge the relay. It runs as the document's
 * single writer, so within a process nothing can come between the read and the write; a guard that
 * still misses means another process wrote the document, and the decision is made again on a fresh
 * read, by one policy, until it holds or GuardLostError (retriable) hands the message back. A model
 * with a finished archive (finished-archive.ts) is read there too when its hot collection has no
 * such document.
 */
export interface AggregateRuntime {
  apply<S, R>(model: AnyModel, id: string, options: ApplyOptions<S, R>): Promise<Applied<S, R>>;
}

export interface AggregateRuntimeDeps {
  readonly writer: SingleWriter;
  readonly relay: Pick<OutboxRelay, 'nudge'>;
  readonly logger: Logger;
  /** Backoff between decisions whose guard lost; `giveUpAfterMs` bounds the whole. */
  readonly guardRetry?: RetryPolicy;
  /** Told, for each apply of a message, whether it applied it or found it applied before (metrics). */
  readonly onMessage?: (messageId: string, kind: 'applied' | 'duplicate') => void;
}

export const defaultGuardRetry: RetryPolicy = {
  initialDelayMs: 10,
  maxDelayMs: 200,
  multiplier: 2,
  jitter: 0.5,
  giveUpAfterMs: 5_000,
};

export function createAggregateRuntime(deps: AggregateRuntimeDeps): AggregateRuntime {
  const policy = deps.guardRetry ?? defaultGuardRetry;
  const logger = deps.logger.child({ component: 'aggregate-runtime' });

  return {
    apply<S, R>(model: AnyModel, id: string, options: ApplyOptions<S, R>): Promise<Applied<S, R>> {
      const collection = model.collection.collectionName;
      const archive = finishedArchiveOf(model);
      const { message } = options;
      const applying = deps.writer.run(model, id, async (): Promise<Applied<S, R>> => {
        const startedAt = Date.now();
        for (let attempt = 1; ; attempt++) {
          const state =
            attempt === 1 && options.expectNew === true
              ? null
              : attempt === 1 && options.current !== undefined
                ? options.current
                : ((await documents(model).findById(id).lean()) as S | null);
          if (state === null && archive) {
            const archived = (await findArchived(model, archive, id)) as S | null;
            if (archived) {
              if (message && processedIds(archived).includes(message.id)) {
                return { kind: 'duplicate', document: archived };
              }
              const onArchived = options.decide(archived);
              if (onArchived.kind === 'none') {
                return { kind: 'unchanged', result: onArchived.result, document: archived };
              }
              await restoreFromArchive(
                model,
                archive,
                archived as Record<string, unknown> & { _id: unknown },
              );
              logger.info({ collection, id }, 'finished document brought back from the archive to change it');
              continue;
            }
          }
          if (message && state && processedIds(state).includes(message.id)) {
            return { kind: 'duplicate', document: state };
          }
          const decided = options.decide(state);
          if (decided.kind === 'none') return { kind: 'unchanged', result: decided.result, document: state };
          const outbox = decided.outbox ?? [];
          const written =
            decided.kind === 'insert'
              ? await insert<S>(model, id, decided.document, outbox, message)
              : await update<S, R>(model, id, decided, outbox, message);
          if (written) {
            // A finished document is the relay's to archive once its outbox is sent, even an empty one.
            const finished = archive?.isFinished(written) === true;
            // With the document as written: the relay needs no read to publish its entries.
            if (outbox.length > 0 || finished) {
              deps.relay.nudge(id, collection, written as unknown as RelayedDocument);
            }
            return { kind: 'applied', result: decided.result, document: written };
          }
          // A decision on the caller's `current` that missed is no lost race yet: read it, decide again.
          if (attempt === 1 && options.current !== undefined && options.expectNew !== true) continue;
          const delay = retryDelay(policy, attempt);
          if (Date.now() - startedAt + delay > policy.giveUpAfterMs) {
            throw new GuardLostError(collection, id, attempt);
          }
          logger.warn(
            { collection, id, attempt, retryInMs: delay },
            'guard lost to another writer; deciding again',
          );
          await sleep(delay);
        }
      });
      const onMessage = deps.onMessage;
      if (!message || !onMessage) return applying;
      return applying.then((applied) => {
        onMessage(message.id, applied.kind === 'duplicate' ? 'duplicate' : 'applied');
        return applied;
      });
    },
  };
}

/** The model as one of plain records: the runtime reads and writes any document type alike. */
function documents(model: AnyModel): mongoose.Model<Record<string, unknown>> {
  return model as mongoose.Model<Record<string, unknown>>;
}

function processedIds(state: unknown): readonly string[] {
  const ids = (state as Record<string, unknown>)[processedMessagesField];
  return Array.isArray(ids) ? (ids as string[]) : [];
}

/** The document as inserted, or null when one with its `_id` exists already (inserted elsewhere meanwhile). */
async function insert<S>(
  model: AnyModel,
  id: string,
  document: Readonly<Record<string, unknown>>,
  outbox: readonly OutboxEntry[],
  message: AppliedMessage | undefined,
): Promise<S | null> {
  try {
    const created = await documents(model).create({
      ...document,
      _id: id,
      [processedMessagesField]: message ? [message.id] : [],
      [outboxField]: [...outbox],
      [outboxPendingField]: outbox.length > 0,
    });
    return created.toObject() as S;
  } catch (error) {
    if (isDuplicateKeyError(error)) return null;
    throw error;
  }
}

/** The document as updated, or null when the guard (or the message dedupe) matched nothing. */
async function update<S, R>(
  model: AnyModel,
  id: string,
  decided: Extract<Decision<R>, { kind: 'update' }>,
  outbox: readonly OutboxEntry[],
  message: AppliedMessage | undefined,
): Promise<S | null> {
  const filter = { ...guardFilter(decided.guard), _id: id, ...(message ? notYetProcessed(message.id) : {}) };
  const change = combineUpdates(
    decided.update,
    message ? markProcessed(message.id) : {},
    outbox.length > 0 ? appendToOutbox(...outbox) : {},
  );
  // No projection: FerretDB does not implement findAndModify's `fields`.
  return (await documents(model)
    .findOneAndUpdate(filter as never, change as never, { returnDocument: 'after' })
    .lean()) as S | null;
}
