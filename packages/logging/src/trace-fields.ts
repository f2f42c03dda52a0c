import { AsyncLocalStorage } from 'node:async_hooks';
import { trace } from '@opentelemetry/api';

/** What a log line says of the trace it belongs to. */
export interface TraceFields {
  readonly trace_id?: string;
  readonly span_id?: string;
}

/**
 * The trace a piece of work belongs to when no span is active (tracing off): the consume path sets
 * the consumed message's trace id, so a handler's lines still say which trace they belong to.
 */
const untracedWork = new AsyncLocalStorage<TraceFields>();

/** Runs `work` with `fields` on every log line it writes, unless a span is active (its ids win). */
export function withTraceFields<T>(fields: TraceFields, work: () => T): T {
  return untracedWork.run(fields, work);
}

/**
 * A pino mixin: `trace_id` and `span_id` of the active span, read through @opentelemetry/api. Without
 * an SDK there is never an active span, and this costs one lookup per line. A new object every time:
 * pino merges the line's own fields into what the mixin returns.
 */
export function traceFields(): TraceFields {
  const active = trace.getActiveSpan()?.spanContext();
  if (active && trace.isSpanContextValid(active)) return { trace_id: active.traceId, span_id: active.spanId };
  const untraced = untracedWork.getStore();
  return untraced ? { ...untraced } : {};
}
