import type { Decision } from '@saga/service-kit';

/** An outbox entry as a test compares it: what it says, and the trace it continues. */
export interface EntryView {
  readonly topic: string;
  readonly key: string;
  readonly value: unknown;
  readonly trace: string | undefined;
}

/** A decision as a test compares it. */
export type DecisionView<R> = Readonly<Record<string, unknown>> & {
  readonly kind: Decision<R>['kind'];
  readonly result: R;
  readonly outbox?: readonly EntryView[];
};

/** The trace id of a traceparent: what a reply keeps of the message it answers. */
export const traceOf = (traceparent: string) => traceparent.split('-')[1];

/**
 * A decision as a test compares it: outbox entries by what they say (topic, key, value, and the trace
 * they continue), without the id and time each gets when it is made. Operators in a guard carry
 * their `mongoose.trusted` mark, so expect them written with it too.
 */
export function decisionView<R>(decided: Decision<R>): DecisionView<R> {
  if (decided.kind === 'none') return decided;
  const { outbox = [], ...rest } = decided;
  return {
    ...rest,
    outbox: outbox.map((entry) => ({
      topic: entry.topic,
      key: entry.key,
      value: entry.value,
      trace: traceOf(entry.traceparent),
    })),
  };
}

/** The entries of a view without their traces (for replies that start a trace of their own). */
export function untraced(entries: readonly EntryView[] | undefined) {
  return (entries ?? []).map(({ topic, key, value }) => ({ topic, key, value }));
}
