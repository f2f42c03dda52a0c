import { causeTraceparent, type MessageContext } from '@saga/events';
import type { Logger } from '@saga/logging';
import {
  SagaNotCompensableError,
  SagaNotRetriableError,
  type NotCompensableReason,
  start as startSaga,
  type SagaReply,
  type SagaStatus,
  type TimedOut,
  type TopicOf,
} from '@saga/saga-engine';
import { decision, type Applied, type ApplyOptions, type OutboxEntry } from '@saga/service-kit';
import { commandEntries } from './command-entries.ts';
import { decideCompensate, type CompensateDecision } from './compensate-decision.ts';
import type { SagaDocument } from './saga-document.ts';
import { decideReply } from './reply-decision.ts';
import { decideRetry, type RetryDecision } from './retry-decision.ts';
import { decideTimeout, type TimeoutDecision } from './timeout-decision.ts';
import type { SagaBinding } from './saga-binding.ts';
import { sagaIdOf } from './saga-id.ts';
import type { SagaObserver } from './saga-observer.ts';
import { sagaProgress } from './saga-progress.ts';
import { newSagaDocument, type SagaUpdate } from './saga-update.ts';

/** What the manager reads of a consumed message besides its value. */
export type Delivery = Pick<MessageContext, 'id' | 'traceparent'>;

/**
 * How the manager writes a saga: the aggregate runtime on the saga model (read by `_id`, decide,
 * one write guarded by the saga's version that records the message id and appends the outbox, as
 * the saga's single writer; a lost guard is decided again on a fresh read).
 */
export interface SagaWrites {
  apply<R>(sagaId: string, options: ApplyOptions<SagaDocument, R>): Promise<Applied<SagaDocument, R>>;
}

export interface SagaManagerDeps<M extends object, D, R, S extends TopicOf<M>> {
  readonly binding: SagaBinding<M, D, R, S>;
  readonly sagas: SagaWrites;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** Called after every write that leaves the saga with a deadline: the deadline scheduler's `notify`. */
  readonly onDeadline?: (deadlineAt: Date) => void;
  /** Jitter of re-send deadlines (default Math.random); tests fix it. */
  readonly random?: () => number;
  /** Told of sagas started and finished, steps settled and commands re-sent (the service's metrics). */
  readonly observer?: SagaObserver;
}

/** What a starting message did: started a saga, or found the saga of its key already there. */
export type StartResult =
  | { readonly kind: 'STARTED'; readonly sagaId: string }
  | { readonly kind: 'ALREADY_STARTED'; readonly sagaId: string | null };

/**
 * What a reply did. APPLIED, IGNORED, REJECTED: recorded in the saga (see history-entry.ts), which is
 * now at `version`. DUPLICATE: this message id was applied before, nothing changed. UNKNOWN_SAGA: no
 * saga of this definition has the reply's key and saga id, nothing changed.
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
 * first), nothing written. UNKNOWN_SAGA: no such saga of this definition.
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
 * UNKNOWN_SAGA: no such saga of this definition.
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

/**
 * What a request to compensate did. COMPENSATING: the saga abandoned `step` and compensates (status
 * COMPENSATING; CANCELLING or CANCELLED when nothing needed undoing), recorded in the saga, now at
 * `version`. NOT_COMPENSABLE: the saga cannot be asked (`reason`, `detail`: see the engine's
 * compensateSaga); nothing written. UNKNOWN_SAGA: no such saga of this definition.
 */
export type CompensateResult =
  | {
      readonly kind: 'COMPENSATING';
      readonly sagaId: string;
      readonly version: number;
      readonly status: SagaStatus;
      readonly step: string;
    }
  | {
      readonly kind: 'NOT_COMPENSABLE';
      readonly sagaId: string;
      readonly status: SagaStatus;
      readonly reason: NotCompensableReason;
      readonly detail: string;
    }
  | { readonly kind: 'UNKNOWN_SAGA' };

/** A person's request that a saga compensate: why, in words, and who asks. */
export interface CompensateRequest {
  readonly reason: string;
  /** The caller's subject, recorded in the saga's history. */
  readonly by: string;
}

export interface SagaManager<M extends object, D, R, S extends TopicOf<M>> {
  readonly binding: SagaBinding<M, D, R, S>;
  /** Starts the saga of a starting message: one insert of the saga with its first commands in the outbox. */
  start(message: M[S], delivery: Delivery): Promise<StartResult>;
  /** Applies a reply to its saga: one version-guarded update of state, outbox, history and message id. */
  handleReply(reply: SagaReply<M>, delivery: Delivery): Promise<ReplyResult>;
  /**
   * Applies a passed deadline to a saga (the deadline scheduler calls it for each saga due): the same
   * lock, version guard and single update as a reply, with the re-sent commands in the outbox.
   */
  handleTimeout(sagaId: string): Promise<TimeoutResult>;
  /** Re-drives a saga that needs attention or is stuck (POST /sagas/:sagaId/retry), the same way. */
  retry(sagaId: string): Promise<RetryResult>;
  /**
   * Abandons the step a stuck saga awaits and compensates what succeeded before it, as a person asks
   * (POST /sagas/:sagaId/compensate), the same way: one version-guarded update with the compensations
   * in the outbox and who asked in the history.
   */
  compensate(sagaId: string, request: CompensateRequest): Promise<CompensateResult>;
}

/**
 * The saga manager: the pure engine, for any saga given as a binding, on the aggregate runtime. Each
 * message or deadline is one `sagas.apply`: the runtime reads the saga by `_id`, the manager asks the
 * engine (`start`, `handle`, `handleTimeout`, `retrySaga`) what to do, and the runtime writes that
 * decision as one update guarded by the version it was made on: the new state and step records, the
 * history, the commands as outbox entries (keyed by the saga's key, in the trace of what caused them)
 * and the message id. A saga's id derives from its definition and key (saga-id.ts), so a start is one
 * insert with no lookup first. Commands are published by the service's outbox relay, nudged by the
 * runtime. A saga of another definition (the collection holds them all) is not this manager's: it
 * answers UNKNOWN_SAGA for it.
 */
export function createSagaManager<M extends object, D, R, S extends TopicOf<M>>(
  deps: SagaManagerDeps<M, D, R, S>,
): SagaManager<M, D, R, S> {
  const { binding, sagas } = deps;
  const { definition } = binding;
  const now = deps.now ?? (() => new Date());
  const random = deps.random;
  const onDeadline = deps.onDeadline ?? (() => undefined);
  const logger = deps.logger.child({ component: 'saga-manager', saga: definition.name });
  const observer = deps.observer;
  /** Counts what a write did to the saga, from the saga before and as written. */
  const observe = (before: SagaDocument | null, after: SagaDocument) => {
    if (!observer || !before) return;
    const { settled, finished } = sagaProgress(before, after);
    for (const { step, seconds } of settled) observer.stepSettled(step, seconds);
    if (finished) observer.finished(finished.outcome, finished.seconds);
  };

  const keyName = binding.key.name;
  /** The stored saga, if it is one of this definition's. */
  const ours = (found: SagaDocument | null) =>
    found?.saga === definition.name ? (found as SagaDocument<D, R>) : null;

  /** The decision's update, guarded by the version the decision was made on. */
  const guarded = <T>(
    before: SagaDocument,
    made: { readonly update: SagaUpdate; readonly outbox: readonly OutboxEntry[] },
    result: T,
  ) => decision.update(made.update, result, { guard: { version: before.version }, outbox: made.outbox });

  const start = async (message: M[S], delivery: Delivery): Promise<StartResult> => {
    const key = binding.key.of(message);
    const instance = binding.key.instance?.(message);
    const sagaId = sagaIdOf(definition.name, key, instance);
    const log = logger.child({ [keyName]: key, sagaId, topic: binding.start.topic, messageId: delivery.id });
    const at = now();
    const applied = await sagas.apply(sagaId, {
      message: { id: delivery.id },
      // The id is new unless the starting message comes again: no lookup before the insert.
      expectNew: true,
      decide: (existing) => {
        if (existing) return decision.none(null);
        const started = startSaga(definition, binding.start.data(message, { sagaId }), { now: at });
        const outbox = commandEntries(started.actions, key, delivery);
        const received = { topic: binding.start.topic, messageId: delivery.id };
        const document = newSagaDocument({
          sagaId,
          key: { name: keyName, value: key, ...(instance === undefined ? {} : { instance }) },
          decision: started,
          received,
          outbox,
          traceparent: causeTraceparent(delivery.traceparent),
          now: at,
        });
        return decision.insert(document as unknown as Readonly<Record<string, unknown>>, started, outbox);
      },
    });
    if (applied.kind !== 'applied' || applied.result === null) {
      log.info(
        `the ${keyName}${instance === undefined ? '' : ` and instance ${instance}`} has its saga already; the message changes nothing`,
      );
      return { kind: 'ALREADY_STARTED', sagaId };
    }
    const started = applied.result;
    observer?.started();
    if (started.deadlineAt) onDeadline(started.deadlineAt);
    log.info({ status: started.state.status, sent: topicsOf(applied.document.outbox) }, 'saga started');
    return { kind: 'STARTED', sagaId };
  };

  const handleReply = async (reply: SagaReply<M>, delivery: Delivery): Promise<ReplyResult> => {
    const correlation = binding.correlate(reply);
    const log = logger.child({
      topic: reply.topic,
      messageId: delivery.id,
      ...(correlation && { [keyName]: correlation.key, sagaId: correlation.sagaId }),
    });
    if (!correlation) {
      log.warn('the reply names no saga; skipped');
      return { kind: 'UNKNOWN_SAGA' };
    }
    let decidedOn: SagaDocument | null = null;
    const applied = await sagas.apply(correlation.sagaId, {
      message: { id: delivery.id },
      decide: (found) => {
        const before = ours(found);
        decidedOn = before;
        if (before?.key !== correlation.key) return decision.none(null);
        const made = decideReply({ definition, before, reply, delivery, now: now() });
        return guarded(before, made, { made, version: before.version + 1 });
      },
    });
    if (applied.kind === 'duplicate') {
      log.info('message applied before; the redelivery changes nothing');
      return { kind: 'DUPLICATE', sagaId: correlation.sagaId };
    }
    if (applied.result === null) {
      log.warn(
        { found: applied.document ? { saga: applied.document.saga, key: applied.document.key } : null },
        `no ${definition.name} saga with this ${keyName} and saga id; reply skipped`,
      );
      return { kind: 'UNKNOWN_SAGA' };
    }
    const { made, version } = applied.result;
    const { reception, status, outbox } = made;
    if (applied.kind === 'applied') observe(decidedOn, applied.document);
    if (made.deadlineAt) onDeadline(made.deadlineAt);
    if (reception.kind === 'REJECTED')
      log.error({ reception, version, status }, 'reply refused; recorded in the saga');
    else
      log.info(
        { reception, version, status, sent: topicsOf(outbox) },
        `reply ${reception.kind.toLowerCase()}`,
      );
    return { kind: reception.kind, sagaId: correlation.sagaId, version, status };
  };

  type TimeoutMade =
    | { readonly kind: 'UNKNOWN_SAGA' }
    | { readonly kind: 'NOT_DUE' }
    | {
        readonly kind: 'DECIDED';
        readonly made: TimeoutDecision;
        readonly version: number;
        readonly key: string;
      };
  const handleTimeout = async (sagaId: string): Promise<TimeoutResult> => {
    let decidedOn: SagaDocument | null = null;
    const applied = await sagas.apply<TimeoutMade>(sagaId, {
      decide: (found) => {
        const before = ours(found);
        decidedOn = before;
        if (!before) return decision.none<TimeoutMade>({ kind: 'UNKNOWN_SAGA' });
        const made = decideTimeout({ definition, before, now: now(), ...(random ? { random } : {}) });
        if (!made) return decision.none({ kind: 'NOT_DUE' as const });
        return guarded(before, made, {
          kind: 'DECIDED' as const,
          made,
          version: before.version + 1,
          key: before.key,
        });
      },
    });
    if (applied.kind === 'duplicate')
      throw new TypeError('a deadline carries no message to be a duplicate of');
    const result = applied.result;
    if (result.kind === 'UNKNOWN_SAGA') return result;
    if (result.kind === 'NOT_DUE') return { kind: 'NOT_DUE', sagaId };
    const { made, version } = result;
    const { outcome, status, outbox } = made;
    const log = logger.child({ sagaId, [keyName]: result.key });
    if (applied.kind === 'applied') observe(decidedOn, applied.document);
    if (outcome.kind === 'TIMED_OUT' && outcome.action === 'RESENT') observer?.deadlineResent(outcome.step);
    if (made.deadlineAt) onDeadline(made.deadlineAt);
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
  };

  type RetryMade =
    | { readonly kind: 'UNKNOWN_SAGA' }
    | { readonly kind: 'NOT_RETRIABLE'; readonly sagaId: string; readonly status: SagaStatus }
    | { readonly kind: 'RETRIED'; readonly made: RetryDecision; readonly version: number };
  const retrySagaById = async (sagaId: string): Promise<RetryResult> => {
    let decidedOn: SagaDocument | null = null;
    const applied = await sagas.apply<RetryMade>(sagaId, {
      decide: (found) => {
        const before = ours(found);
        decidedOn = before;
        if (!before) return decision.none<RetryMade>({ kind: 'UNKNOWN_SAGA' });
        let made;
        try {
          made = decideRetry({ definition, before, now: now(), ...(random ? { random } : {}) });
        } catch (error) {
          if (!(error instanceof SagaNotRetriableError)) throw error;
          return decision.none<RetryMade>({ kind: 'NOT_RETRIABLE', sagaId, status: before.status });
        }
        return guarded<RetryMade>(before, made, { kind: 'RETRIED', made, version: before.version + 1 });
      },
    });
    if (applied.kind === 'duplicate') throw new TypeError('a retry carries no message to be a duplicate of');
    const result = applied.result;
    const log = logger.child({ sagaId });
    if (result.kind === 'UNKNOWN_SAGA') return result;
    if (result.kind === 'NOT_RETRIABLE') {
      log.info({ status: result.status }, 'retry refused: the saga has nothing to re-drive');
      return result;
    }
    const { made, version } = result;
    const { outcome, status, outbox } = made;
    if (applied.kind === 'applied') observe(decidedOn, applied.document);
    if (made.deadlineAt) onDeadline(made.deadlineAt);
    log.info({ steps: outcome.steps, version, status, sent: topicsOf(outbox) }, 'saga retried');
    return { kind: 'RETRIED', sagaId, version, status, steps: outcome.steps };
  };

  type CompensateMade =
    | Exclude<CompensateResult, { readonly kind: 'COMPENSATING' }>
    | { readonly kind: 'COMPENSATING'; readonly made: CompensateDecision; readonly version: number };
  const compensate = async (sagaId: string, request: CompensateRequest): Promise<CompensateResult> => {
    const applied = await sagas.apply<CompensateMade>(sagaId, {
      decide: (found) => {
        const before = ours(found);
        if (!before) return decision.none<CompensateMade>({ kind: 'UNKNOWN_SAGA' });
        let made;
        try {
          made = decideCompensate({ definition, before, request, now: now(), ...(random ? { random } : {}) });
        } catch (error) {
          if (!(error instanceof SagaNotCompensableError)) throw error;
          const { reason, message: detail } = error;
          const status = before.status;
          return decision.none<CompensateMade>({ kind: 'NOT_COMPENSABLE', sagaId, status, reason, detail });
        }
        const version = before.version + 1;
        return guarded<CompensateMade>(before, made, { kind: 'COMPENSATING', made, version });
      },
    });
    if (applied.kind === 'duplicate')
      throw new TypeError('a compensation request carries no message to be a duplicate of');
    const result = applied.result;
    const log = logger.child({ sagaId });
    if (result.kind === 'UNKNOWN_SAGA') return result;
    if (result.kind === 'NOT_COMPENSABLE') {
      log.info({ status: result.status, reason: result.reason }, 'compensation refused');
      return result;
    }
    const { made, version } = result;
    const { outcome, status, outbox } = made;
    if (made.deadlineAt) onDeadline(made.deadlineAt);
    log.warn(
      { step: outcome.step, reason: outcome.reason, by: request.by, version, status, sent: topicsOf(outbox) },
      'compensation asked for by a person: step abandoned',
    );
    return { kind: 'COMPENSATING', sagaId, version, status, step: outcome.step };
  };

  return { binding, start, handleReply, handleTimeout, retry: retrySagaById, compensate };
}

function topicsOf(outbox: readonly OutboxEntry[]): string[] {
  return outbox.map((entry) => entry.topic);
}
