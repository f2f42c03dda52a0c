import {
  context as otelContext,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';
import { withTraceFields } from '@saga/logging';
import { describeError } from './error-classification.ts';
import type { DeliveryOutcome } from './message-delivery.ts';
import { childTraceparent, spanContextOf, traceparentOf } from './trace-context.ts';

/**
 * Spans of the messaging semantic conventions, made by hand with @opentelemetry/api. Without an SDK
 * registered (tracing off) the API hands out no-op spans, and these cost next to nothing.
 */
const tracer = trace.getTracer('@saga/events');

/** A publish under way: the traceparent its message carries, and the end of its span once the broker answered. */
export interface ProducerSpan {
  readonly traceparent: string;
  end(error?: unknown): void;
}

/**
 * Starts the PRODUCER span of one publish as a child of `parent` (the traceparent of the span that
 * caused it, e.g. stored with an outbox entry). The message then carries the PRODUCER span's own
 * context, so its consumer's span is that span's child. With tracing off the message carries a new
 * span id in `parent`'s trace, as it always did.
 */
export function startProducerSpan(
  parent: string | undefined,
  message: { readonly topic: string; readonly key: string; readonly id: string },
): ProducerSpan {
  const parentContext = spanContextOf(parent);
  const span = tracer.startSpan(
    `publish ${message.topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'publish',
        'messaging.operation.name': 'publish',
        'messaging.destination.name': message.topic,
        'messaging.message.id': message.id,
        'messaging.kafka.message.key': message.key,
      },
    },
    parentContext ? trace.setSpanContext(ROOT_CONTEXT, parentContext) : ROOT_CONTEXT,
  );
  const own = span.spanContext();
  // A no-op span repeats its parent's context (or is invalid): tracing is off.
  const recording = trace.isSpanContextValid(own) && own.spanId !== parentContext?.spanId;
  return {
    traceparent: recording ? traceparentOf(own) : childTraceparent(parent),
    end: (error) => {
      endSpan(span, error);
    },
  };
}

/** Where a consumed message came from, for its CONSUMER span. */
export interface ConsumedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly headers: IHeaders | undefined;
  readonly groupId: string;
}

/**
 * Runs the handling of one consumed message (all its attempts, and its dead-lettering) inside a
 * CONSUMER span whose parent is the message's `traceparent` header: whatever the handler logs or
 * writes (an outbox entry) is inside it. The span records an error when the message was
 * dead-lettered, or `work` rejects (it is left for a later delivery).
 */
export async function withConsumerSpan(
  message: ConsumedMessage,
  work: () => Promise<DeliveryOutcome>,
): Promise<DeliveryOutcome> {
  const parent = spanContextOf(header(message.headers, 'traceparent'));
  const id = header(message.headers, 'ce_id');
  const attributes: Attributes = {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.operation.name': 'process',
    'messaging.destination.name': message.topic,
    'messaging.destination.partition.id': String(message.partition),
    'messaging.kafka.destination.partition': message.partition,
    'messaging.kafka.offset': Number(message.offset),
    'messaging.kafka.message.key': message.key,
    'messaging.consumer.group.name': message.groupId,
    ...(id === undefined ? {} : { 'messaging.message.id': id }),
  };
  const span = tracer.startSpan(
    `process ${message.topic}`,
    { kind: SpanKind.CONSUMER, attributes },
    parent ? trace.setSpanContext(ROOT_CONTEXT, parent) : ROOT_CONTEXT,
  );
  try {
    const handle = () => otelContext.with(trace.setSpan(ROOT_CONTEXT, span), work);
    const own = span.spanContext();
    const traced = trace.isSpanContextValid(own) && own.spanId !== parent?.spanId;
    // Tracing off: no span is active, yet the handler's log lines still name the message's trace.
    const outcome = await (traced || !parent
      ? handle()
      : withTraceFields({ trace_id: parent.traceId }, handle));
    if (outcome === 'dead-lettered') span.setStatus({ code: SpanStatusCode.ERROR, message: 'dead-lettered' });
    span.end();
    return outcome;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
}

function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    const { name, message } = describeError(error);
    span.recordException(error instanceof Error ? error : { name, message });
    span.setStatus({ code: SpanStatusCode.ERROR, message });
  }
  span.end();
}

function header(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.toString();
}
