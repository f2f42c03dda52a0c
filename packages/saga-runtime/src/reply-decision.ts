import { handle, type SagaDefinition, type SagaReply, type SagaStatus } from '@saga/saga-engine';
import { classifyError } from '@saga/events';
import type { OutboxEntry } from '@saga/service-kit';
import { commandEntries } from './command-entries.ts';
import type { SagaDocument } from './saga-document.ts';
import { engineState } from './engine-state.ts';
import type { Reception } from './history-entry.ts';
import { rejectionUpdate, transitionUpdate, type SagaUpdate } from './saga-update.ts';

/** What to write for a reply: the update, the commands it puts in the outbox, and what it made of the reply. */
export interface ReplyDecision {
  readonly update: SagaUpdate;
  readonly outbox: readonly OutboxEntry[];
  readonly reception: Exclude<Reception, { kind: 'STARTED' }>;
  /** The saga's status once the update is written. */
  readonly status: SagaStatus;
  /** The saga's earliest deadline once the update is written; null for none. */
  readonly deadlineAt: Date | null;
}

/**
 * Asks the engine what a reply means for a stored saga and turns the answer into one update: the
 * engine's actions become outbox entries keyed by the saga's key, in the reply's trace. An error that
 * is no outage and does not say that trying again helps (one flagged non-retriable, such as a stored
 * state the engine refuses or data a command needs and lacks; or one flagged nothing, a bug) says the
 * saga cannot take this reply: redelivery would fail the same way and hold up the partition, and a
 * dead letter would leave the saga waiting for a reply it had. So the refusal is what gets written,
 * and the saga NEEDS_ATTENTION with the error as its cause (see `rejectionUpdate`). A transient error
 * is thrown, for the message to be delivered again.
 */
export function decideReply<M extends object, D, R>(params: {
  readonly definition: SagaDefinition<M, D, R>;
  readonly before: SagaDocument<D, R>;
  readonly reply: SagaReply<M>;
  readonly delivery: { readonly id: string; readonly traceparent: string };
  readonly now: Date;
}): ReplyDecision {
  const { definition, before, reply, delivery, now } = params;
  const received = { topic: reply.topic, messageId: delivery.id };
  try {
    const transition = handle(definition, engineState(before), reply, { now, random: Math.random });
    const { outcome } = transition;
    if (outcome.kind !== 'APPLIED' && outcome.kind !== 'IGNORED')
      throw new TypeError(`handle answered a reply with a ${outcome.kind} outcome`);
    const outbox = commandEntries(transition.actions, before.key, delivery);
    return {
      update: transitionUpdate({ before, transition: { ...transition, outcome }, received, outbox, now }),
      outbox,
      reception: outcome,
      status: transition.state.status,
      deadlineAt: transition.deadlineAt,
    };
  } catch (error) {
    if (classifyError(error) === 'transient') throw error;
    const refusal = describeError(error);
    const rejection = rejectionUpdate({ before, received, error: refusal, now });
    return {
      update: rejection.update,
      outbox: [],
      reception: { kind: 'REJECTED', code: refusal.code, detail: refusal.message },
      status: rejection.status,
      deadlineAt: rejection.deadlineAt,
    };
  }
}

/** An error's code (its name when it has none) and message, for the history. */
export function describeError(error: unknown): { code: string; message: string } {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (error instanceof Error)
    return { code: typeof code === 'string' ? code : error.name, message: error.message };
  return { code: typeof code === 'string' ? code : 'ERROR', message: String(error) };
}
