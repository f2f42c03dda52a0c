import type { SagaDefinition } from '@saga/saga-engine';
import type { HistoryEntry, SagaDocument } from './saga-document.ts';

/** The topics of one step: what it sends, and the replies that settle it, forward and compensating. */
export interface StepTopics {
  readonly name: string;
  readonly command: string;
  readonly replies: readonly string[];
  readonly compensation: string | null;
  readonly compensationReplies: readonly string[];
}

/** Which command a message belongs to: the step's own, or its compensation. */
export type TimelinePhase = 'COMMAND' | 'COMPENSATION';

/** A command of the step sent (each re-send is one more). */
export interface TimelineSent {
  readonly phase: TimelinePhase;
  readonly topic: string;
  readonly messageId: string;
  readonly at: Date;
}

/** A reply to the step received, and what the saga made of it. */
export interface TimelineReceived {
  readonly phase: TimelinePhase;
  readonly topic: string;
  readonly messageId: string;
  readonly at: Date;
  readonly outcome: string;
  /** APPLIED: what the reply meant (SUCCESS, FAILURE, COMPENSATED...); else null. */
  readonly reply: string | null;
  /** IGNORED or REJECTED: why; else null. */
  readonly reason: string | null;
}

/** A deadline of the step that passed, and what the saga did. */
export interface TimelineTimeout {
  readonly phase: string | null;
  readonly at: Date;
  readonly attempts: number | null;
  readonly action: string;
}

/** What went wrong with the step, when, in words: a failure reply, a give-up, a person abandoning it. */
export interface TimelineError {
  readonly at: Date;
  readonly kind: 'FAILURE' | 'COMPENSATION_FAILED' | 'REJECTED' | 'TIMED_OUT' | 'ABANDONED';
  readonly detail: string;
}

/** One step's part of the saga's history: what it sent, what came back, its deadlines, its errors. */
export interface StepTimeline {
  readonly sent: readonly TimelineSent[];
  readonly received: readonly TimelineReceived[];
  readonly timeouts: readonly TimelineTimeout[];
  readonly errors: readonly TimelineError[];
}

/** The topics of each step of a definition, in its order: what a saga's view sorts its history by. */
export function stepTopicsOf<M extends object, D, R>(definition: SagaDefinition<M, D, R>): StepTopics[] {
  return definition.steps.map((step) => ({
    name: step.name,
    command: step.command.topic,
    replies: [...Object.keys(step.onSuccess), ...Object.keys(step.onFailure ?? {})],
    compensation: step.compensation?.command.topic ?? null,
    compensationReplies: step.compensation
      ? [...Object.keys(step.compensation.onConfirmed), ...Object.keys(step.compensation.onFailure ?? {})]
      : [],
  }));
}

/**
 * Each step's timeline, read off the saga's history (in its order) by the steps' topics: the
 * commands and compensations sent (so every re-send, with its time), the replies received and what
 * they did, the deadlines passed, and the errors (failure replies, refused replies, give-ups, a
 * person's abandoning it). A history trimmed to its limit shows the newest part only.
 */
export function stepTimelines(
  history: SagaDocument['history'],
  steps: readonly StepTopics[],
): StepTimeline[] {
  return steps.map((step) => {
    const phaseOf = (topic: string, sending: boolean): TimelinePhase | null => {
      if (sending ? topic === step.command : step.replies.includes(topic)) return 'COMMAND';
      if (sending ? topic === step.compensation : step.compensationReplies.includes(topic))
        return 'COMPENSATION';
      return null;
    };
    const sent: TimelineSent[] = [];
    const received: TimelineReceived[] = [];
    const timeouts: TimelineTimeout[] = [];
    const errors: TimelineError[] = [];
    for (const entry of history) collect(entry);
    return { sent, received, timeouts, errors };

    function collect(entry: HistoryEntry): void {
      switch (entry.direction) {
        case 'SENT': {
          const phase = phaseOf(entry.topic, true);
          if (phase) sent.push({ phase, topic: entry.topic, messageId: entry.messageId, at: entry.at });
          return;
        }
        case 'RECEIVED': {
          const phase = phaseOf(entry.topic, false);
          if (!phase) return;
          const { topic, messageId, at, outcome, reply, reason } = entry;
          received.push({ phase, topic, messageId, at, outcome, reply, reason });
          if (reply === 'FAILURE' || reply === 'COMPENSATION_FAILED')
            errors.push({ at, kind: reply, detail: `"${topic}" answered` });
          if (outcome === 'REJECTED')
            errors.push({ at, kind: 'REJECTED', detail: `${reason ?? ''}: ${entry.detail ?? ''}` });
          return;
        }
        case 'TIMEOUT': {
          if (entry.step !== step.name) return;
          const { phase, at, attempts, action } = entry;
          timeouts.push({ phase, at, attempts, action });
          if (action === 'GAVE_UP' || action === 'NEEDS_ATTENTION')
            errors.push({
              at,
              kind: 'TIMED_OUT',
              detail: `${phase === 'COMPENSATION' ? step.compensation : step.command} unanswered after ${String(attempts)} attempts: ${action}`,
            });
          return;
        }
        case 'COMPENSATE':
          if (entry.step === step.name)
            errors.push({ at: entry.at, kind: 'ABANDONED', detail: `${entry.by}: ${entry.reason}` });
          return;
        case 'RETRY':
          return;
      }
    }
  });
}
