import { randomBytes } from 'node:crypto';

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
