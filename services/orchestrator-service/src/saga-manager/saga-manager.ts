import type { TopicMessageMap, TopicName } from '@saga/contracts';
import type { MessageContext } from '@saga/events';
import type { Logger } from '@saga/logging';
import {
  SagaNotRetriableError,
  type SagaAction,
  type SagaReply,
  type SagaStatus,
  type TimedOut,
} from '@saga/saga-engine';
import {
  createSingleWriter,
  outboxEntry,
  retry,
  type OutboxEntry,
  type RetryPolicy,
  type SingleWriter,
} from '@saga/service-kit';
import type { SagaDocument } from '../model/saga-document.ts';
import { SagaVersionConflictError } from './errors.ts';
import { decideReply } from './reply-decision.ts';
import { decideRetry } from './retry-decision.ts';
import { decideTimeout } from './timeout-decision.ts';
import type { SagaBinding } from './saga-binding.ts';
import { sagaIdOf } from './saga-id.ts';
import type { SagaStore } from './saga-store.ts';
import { guardFilter, newSagaDocument, type SagaUpdate } from './saga-update.ts';

/** What the manager reads of a consumed message besides its value. */
export type Delivery = Pick<MessageContext, 'id' | 'traceparent'>;

export interface SagaManagerPolicy {
  /**
   * Backoff between attempts at a reply whose update lost to another write (reload, decide again).
   * Within a process the single writer leaves nothing to lose to; another process writing the same
   * saga (a second replica during a rebalance) can. Past `giveUpAfterMs` the handler fails and the
   * consumer delivers the message again.
   */
  readonly conflictRetry: RetryPolicy;
}

export const defaultSagaManagerPolicy: SagaManagerPolicy = {
  conflictRetry: { initialDelayMs: 10, maxDelayMs: 200, multiplier: 2, jitter: 0.5, giveUpAfterMs: 10_000 },
};

export interface SagaManagerDeps<D, R, S extends TopicName> {
  readonly binding: SagaBinding<D, R, S>;
  readonly store: SagaStore;
  /** The service's single writer: every write of a saga (reply, deadline, retry, the relay's) queues on it. */
  readonly writer?: SingleWriter;
  readonly logger: Logger;
  /** Called with the saga's id after a write that put commands into its outbox: the relay's nudge. */
  readonly nudgeRelay?: (sagaId: string) => void;
  readonly policy?: SagaManagerPolicy;
  readonly now?: () => Date;
  /** Called after every write that leaves the saga with a deadline: the deadline scheduler's `notify`. */
  readonly onDeadline?: (deadlineAt: Date) => void;
  /** Jitter of re-send deadlines (default Math.random); tests fix it. */
  readonly random?: () => number;
}

/** What a starting message did: started a saga, or found its order's saga already there. */
export type StartResult =
  | { readonly kind: 'STARTED'; readonly sagaId: string }
  | { readonly kind: 'ALREADY_STARTED'; readonly sagaId: string | null };

/**
 * What a reply did. APPLIED, IGNORED, REJECTED: recorded in the saga (see history-entry.ts), which is
 * now at `version`. DUPLICATE: this message id was applied before, nothing changed. UNKNOWN_SAGA: no
 * saga has the reply's order and saga id, nothing changed.
 */
export type ReplyResult =
  | {
      readonly kind: 'APPLIED' | 'IGNORED' | 'REJECTED';
      readonly sagaId: string;
      readonly version: number;
      readonly status: SagaStatus;
    }
  | { readonly kind: 'DUPLICATE'; readonly sagaId: string }
  | { readonly kind: 'UNKNOWN_SAGA' };

/**
 * What a passed deadline did. TIMED_OUT: the engine re-sent, gave up or asked for attention (`action`),
 * recorded in the saga, now at `version`. REJECTED: the engine refused the stored saga; recorded, and
 * its deadline cleared. NOT_DUE: no deadline of the saga had passed (another pass or a reply came
 * first), nothing written. UNKNOWN_SAGA: no such saga.
 */
export type TimeoutResult =
  | {
      readonly kind: 'TIMED_OUT';
      readonly sagaId: string;
      readonly version: number;
      readonly status: SagaStatus;
      readonly action: TimedOut['action'];
    }
  | {
      readonly kind: 'REJECTED';
      readonly sagaId: string;
      readonly version: number;
      readonly status: SagaStatus;
    }
  | { readonly kind: 'NOT_DUE'; readonly sagaId: string }
  | { readonly kind: 'UNKNOWN_SAGA' };

/**
 * What a retry did. RETRIED: the commands of `steps` were sent again, recorded in the saga, now at
 * `version`. NOT_RETRIABLE: the saga ended and has nothing to re-drive; nothing written.
 * UNKNOWN_SAGA: no such saga.
 */
export type RetryResult =
  | {
      readonly kind: 'RETRIED';
      readonly sagaId: string;
      readonly version: number;
      readonly status: SagaStatus;
      readonly steps: readonly string[];
    }
  | { readonly kind: 'NOT_RETRIABLE'; readonly sagaId: string; readonly status: SagaStatus }
  | { readonly kind: 'UNKNOWN_SAGA' };

export interface SagaManager<D, R, S extends TopicName> {
  readonly binding: SagaBinding<D, R, S>;
  /** Starts the saga of a starting message: one insert of the saga with its first commands in the outbox. */
  start(message: TopicMessageMap[S], delivery: Delivery): Promise<StartResult>;
  /** Applies a reply to its saga: one version-guarded update of state, outbox, history and message id. */
  handleReply(reply: SagaReply<TopicMessageMap>, delivery: Delivery): Promise<ReplyResult>;
  /**
   * Applies a passed deadline to a saga (the deadline scheduler calls it for each saga due): the same
   * lock, version guard and single update as a reply, with the re-sent commands in the outbox.
   */
  handleTimeout(sagaId: string): Promise<TimeoutResult>;
  /** Re-drives a saga that needs attention or is stuck (POST /sagas/:sagaId/retry), the same way. */
  retry(sagaId: string): Promise<RetryResult>;
}

/**
 * The saga manager: all the I/O around the pure engine, for any saga given as a binding. It loads a
 * saga, asks the engine (`start`, `handle`) what to do, and writes the decision as one single-document
 * write: the new state and step records, the commands as outbox entries (key: the order id, in the
 * trace of the message that caused them), the history and the message id. Every update is guarded
 * by the version it read and the message id; one that matches nothing lost a race, so the saga is
 * reloaded and the decision made again. Commands are published by the service's outbox relay.
 */
export function createSagaManager<D, R, S extends TopicName>(
  deps: SagaManagerDeps<D, R, S>,
): SagaManager<D, R, S> {
  const { binding, store } = deps;
  const { definition } = binding;
  const policy = deps.policy ?? defaultSagaManagerPolicy;
  const now = deps.now ?? (() => new Date());
  const random = deps.random;
  const onDeadline = deps.onDeadline ?? (() => undefined);
  const nudgeRelay = deps.nudgeRelay ?? (() => undefined);
  const logger = deps.logger.child({ component: 'saga-manager', saga: definition.name });
  const writer = deps.writer ?? createSingleWriter();

  const toOutbox = (actions: readonly SagaAction<TopicMessageMap>[], orderId: string, delivery: Delivery) =>
    actions.map((action) =>
      outboxEntry(action.topic, orderId, action.value, { traceparent: delivery.traceparent }),
    );

  const start = (message: TopicMessageMap[S], delivery: Delivery) => {
    const orderId = binding.start.orderIdOf(message);
    const sagaId = sagaIdOf(definition.name, orderId);
    const log = logger.child({ orderId, sagaId, topic: binding.start.topic, messageId: delivery.id });
    return writer.run(store, sagaId, async (): Promise<StartResult> => {
      const at = now();
      const decision = binding.start.decide(message, { sagaId, now: at });
      const outbox = toOutbox(decision.actions, orderId, delivery);
      const received = { topic: binding.start.topic, messageId: delivery.id };
      const inserted = await store.insert(
        newSagaDocument({ sagaId, orderId, decision, received, outbox, now: at }),
      );
      if (!inserted) {
        // Its id (derived from the order) or its order id is taken: the order has its saga already.
        log.info('the order has its saga already; the message changes nothing');
        const existing = (await store.findById(sagaId)) ?? (await store.findByOrderId(orderId));
        return { kind: 'ALREADY_STARTED', sagaId: existing?._id ?? null };
      }
      if (outbox.length > 0) nudgeRelay(sagaId);
      if (decision.deadlineAt) onDeadline(decision.deadlineAt);
      log.info({ status: decision.state.status, sent: topicsOf(outbox) }, 'saga started');
      return { kind: 'STARTED', sagaId };
    });
  };

  /** Writes a decision guarded by the version it was made on; throws SagaVersionConflictError when it lost a race. */
  const write = async (
    before: SagaDocument,
    decision: {
      readonly update: SagaUpdate;
      readonly outbox: readonly OutboxEntry[];
      readonly deadlineAt: Date | null;
    },
    messageId: string | null,
  ): Promise<number> => {
    const written = await store.update(guardFilter(before._id, before.version, messageId), decision.update);
    if (!written) throw new SagaVersionConflictError(before._id, before.version);
    if (decision.outbox.length > 0) nudgeRelay(before._id);
    if (decision.deadlineAt) onDeadline(decision.deadlineAt);
    return before.version + 1;
  };

  /** Runs `task` as the saga's single writer, again on a version conflict, by the conflict policy. */
  const serialized = <T>(sagaId: string, operation: string, log: Logger, task: () => Promise<T>) =>
    writer.run(store, sagaId, () =>
      retry(task, {
        policy: policy.conflictRetry,
        operation,
        logger: log,
        isRetriable: (error) => error instanceof SagaVersionConflictError,
      }),
    );

  /** One attempt at a reply: read, decide, write; throws SagaVersionConflictError when the write lost a race. */
  const attempt = async (
    reply: SagaReply<TopicMessageMap>,
    delivery: Delivery,
    correlation: { orderId: string; sagaId: string },
    log: Logger,
  ): Promise<ReplyResult> => {
    // By id, not by order: the same saga (an order has one), but FerretDB looks up `_id` by its key and
    // `orderId` by scanning the collection, ten times slower at a few hundred sagas, on the one
    // connection every message waits for.
    const found = await store.findById(correlation.sagaId);
    if (found?.orderId !== correlation.orderId) {
      log.warn(
        { foundOrderId: found?.orderId ?? null },
        'no saga with this order and saga id; reply skipped',
      );
      return { kind: 'UNKNOWN_SAGA' };
    }
    const document = found;
    if (document.processedMessageIds.includes(delivery.id)) {
      log.info('message applied before; the redelivery changes nothing');
      return { kind: 'DUPLICATE', sagaId: document._id };
    }

    const before = document as SagaDocument<D, R>;
    const decision = decideReply({ definition, before, reply, delivery, now: now() });
    const { outbox, reception, status } = decision;
    const version = await write(before, decision, delivery.id);
    if (reception.kind === 'REJECTED')
      log.error({ reception, version, status }, 'reply refused; recorded in the saga');
    else
      log.info(
        { reception, version, status, sent: topicsOf(outbox) },
        `reply ${reception.kind.toLowerCase()}`,
      );
    return { kind: reception.kind, sagaId: before._id, version, status };
  };

  const handleReply = (reply: SagaReply<TopicMessageMap>, delivery: Delivery) => {
    const correlation = binding.correlate(reply);
    const log = logger.child({ topic: reply.topic, messageId: delivery.id, ...correlation });
    if (!correlation) {
      log.warn('the reply names no saga; skipped');
      return Promise.resolve<ReplyResult>({ kind: 'UNKNOWN_SAGA' });
    }
    return serialized(
      correlation.sagaId,
      `apply ${reply.topic} ${delivery.id} to saga ${correlation.sagaId}`,
      log,
      () => attempt(reply, delivery, correlation, log),
    );
  };

  /** Runs `task` on the saga as it is, as its single writer (reloaded after a conflict), or answers UNKNOWN_SAGA. */
  const onSaga = <T>(
    sagaId: string,
    operation: string,
    task: (document: SagaDocument<D, R>, log: Logger) => Promise<T>,
  ): Promise<T | { kind: 'UNKNOWN_SAGA' }> => {
    const log = logger.child({ sagaId });
    return serialized(sagaId, `${operation} saga ${sagaId}`, log, async () => {
      const document = await store.findById(sagaId);
      if (!document) return { kind: 'UNKNOWN_SAGA' as const };
      return task(document as SagaDocument<D, R>, log.child({ orderId: document.orderId }));
    });
  };

  const handleTimeout = (sagaId: string): Promise<TimeoutResult> =>
    onSaga(sagaId, 'apply a deadline to', async (before, log): Promise<TimeoutResult> => {
      const decision = decideTimeout({ definition, before, now: now(), ...(random ? { random } : {}) });
      if (!decision) return { kind: 'NOT_DUE', sagaId };
      const version = await write(before, decision, null);
      const { outcome, status, outbox } = decision;
      if (outcome.kind === 'REJECTED') {
        log.error({ outcome, version, status }, 'deadline refused; recorded in the saga, deadline cleared');
        return { kind: 'REJECTED', sagaId, version, status };
      }
      const level = outcome.action === 'RESENT' ? 'info' : 'warn';
      log[level](
        { outcome, version, status, sent: topicsOf(outbox) },
        `deadline passed: ${outcome.action.toLowerCase()}`,
      );
      return { kind: 'TIMED_OUT', sagaId, version, status, action: outcome.action };
    });

  const retrySagaById = (sagaId: string): Promise<RetryResult> =>
    onSaga(sagaId, 'retry', async (before, log): Promise<RetryResult> => {
      let decision;
      try {
        decision = decideRetry({ definition, before, now: now(), ...(random ? { random } : {}) });
      } catch (error) {
        if (!(error instanceof SagaNotRetriableError)) throw error;
        log.info({ status: before.status }, 'retry refused: the saga has nothing to re-drive');
        return { kind: 'NOT_RETRIABLE', sagaId, status: before.status };
      }
      const version = await write(before, decision, null);
      const { outcome, status, outbox } = decision;
      log.info({ steps: outcome.steps, version, status, sent: topicsOf(outbox) }, 'saga retried');
      return { kind: 'RETRIED', sagaId, version, status, steps: outcome.steps };
    });

  return { binding, start, handleReply, handleTimeout, retry: retrySagaById };
}

function topicsOf(outbox: readonly OutboxEntry[]): string[] {
  return outbox.map((entry) => entry.topic);
}
