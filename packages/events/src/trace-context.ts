import { randomBytes } from 'node:crypto';
import { isSpanContextValid, trace, TraceFlags, type SpanContext } from '@opentelemetry/api';

/** A W3C Trace Context `traceparent`: version 00, trace id, parent span id, sampled flag. */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** A traceparent for a new span: in the same trace as `parent` when it is valid, else in a new trace. */
export function childTraceparent(parent?: string): string {
  const match = parent ? TRACEPARENT.exec(parent) : null;
  const traceId = match?.[1] ?? randomBytes(16).toString('hex');
  return `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
}

export function isTraceparent(value: string): boolean {
  return TRACEPARENT.test(value);
}

/** The span context a traceparent names (remote: it was made elsewhere), or undefined when it is malformed. */
export function spanContextOf(traceparent: string | undefined): SpanContext | undefined {
  const match = traceparent ? TRACEPARENT.exec(traceparent) : null;
  if (!match) return undefined;
  const context: SpanContext = {
    traceId: match[1] as string,
    spanId: match[2] as string,
    traceFlags: Number.parseInt(match[3] as string, 16) & TraceFlags.SAMPLED,
    isRemote: true,
  };
  return isSpanContextValid(context) ? context : undefined;
}

export function traceparentOf(context: SpanContext): string {
  return `00-${context.traceId}-${context.spanId}-${context.traceFlags.toString(16).padStart(2, '0')}`;
}

/**
 * The traceparent a write or publish made now is caused by, stored with it (an outbox entry, a
 * reservation) so that what it sends later is a child of it, even after a crash.
 *
 * - The active span (the HTTP request's, or the consumed message's) when there is one and it is in
 *   the trace of `causedBy`, or nothing else is known: the precise cause.
 * - Else `causedBy` itself when valid: work outside a handler (a sweep, a deadline) that acts for an
 *   order keeps that order's stored trace, so one order stays one trace.
 * - Else a new trace.
 *
 * With tracing off there is never an active span, so it is `causedBy` (or a new trace): the messages
 * still carry a valid traceparent in the order's trace.
 */
export function causeTraceparent(causedBy?: string): string {
  const active = trace.getActiveSpan()?.spanContext();
  const cause = spanContextOf(causedBy);
  if (active && isSpanContextValid(active) && (!cause || cause.traceId === active.traceId)) {
    return traceparentOf(active);
  }
  if (cause && causedBy) return causedBy;
  return childTraceparent();
}
