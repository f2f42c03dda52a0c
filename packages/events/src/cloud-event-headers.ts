import type { IHeaders } from 'kafkajs';

/**
 * The metadata of an event, carried in Kafka headers as the CloudEvents Kafka protocol binding
 * (binary content mode) defines: `ce_` attributes, the data's `content-type`, plus W3C `traceparent`.
 */
export interface EventMetadata {
  /** Unique per event; consumers dedupe on it, so a re-sent event keeps its id. */
  readonly id: string;
  /** The Avro record's full name, e.g. io.saga.order.OrderCreated. */
  readonly type: string;
  /** The producing service, as a URI reference, e.g. /services/order-service. */
  readonly source: string;
  readonly time: Date;
  readonly specversion: '1.0';
  readonly traceparent: string;
  /** The saga's order id, if the event belongs to one. */
  readonly subject?: string;
}

const CONTENT_TYPE = 'application/avro';

export function toHeaders(meta: EventMetadata): Record<string, string> {
  return {
    ce_specversion: meta.specversion,
    ce_id: meta.id,
    ce_type: meta.type,
    ce_source: meta.source,
    ce_time: meta.time.toISOString(),
    ...(meta.subject ? { ce_subject: meta.subject } : {}),
    'content-type': CONTENT_TYPE,
    traceparent: meta.traceparent,
  };
}

/** Reads the metadata back; returns the names of missing or malformed attributes instead of guessing. */
export function fromHeaders(headers: IHeaders | undefined): { meta?: EventMetadata; problems: string[] } {
  const read = (name: string) => {
    const value = headers?.[name];
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  };
  const problems: string[] = [];
  const required = (name: string) => {
    const value = read(name);
    if (!value) problems.push(`missing header ${name}`);
    return value ?? '';
  };
  const id = required('ce_id');
  const type = required('ce_type');
  const source = required('ce_source');
  const timeText = required('ce_time');
  const specversion = required('ce_specversion');
  const traceparent = read('traceparent') ?? '';
  const time = new Date(timeText);
  if (timeText && Number.isNaN(time.getTime())) problems.push(`ce_time is not a timestamp: ${timeText}`);
  if (specversion && specversion !== '1.0') problems.push(`unsupported ce_specversion ${specversion}`);
  if (problems.length > 0) return { problems };
  const subject = read('ce_subject');
  return {
    meta: { id, type, source, time, specversion: '1.0', traceparent, ...(subject ? { subject } : {}) },
    problems,
  };
}
