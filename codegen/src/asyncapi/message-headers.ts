/**
 * The Kafka headers every message carries, as a JSON Schema: CloudEvents attributes by the
 * CloudEvents Kafka protocol binding in binary content mode (`ce_` + attribute name; the value is
 * the Kafka value), plus the W3C Trace Context `traceparent`.
 */
export const messageHeadersSchema = {
  type: 'object',
  description:
    'CloudEvents attributes as Kafka headers (CloudEvents Kafka protocol binding, binary content mode: ' +
    'the event data is the Kafka value), and the W3C trace context of the send.',
  required: ['ce_id', 'ce_type', 'ce_source', 'ce_specversion'],
  properties: {
    ce_id: {
      type: 'string',
      description:
        'CloudEvents `id`: unique per event for its source, so a consumer can recognise a redelivered duplicate.',
    },
    ce_type: {
      type: 'string',
      description: 'CloudEvents `type`: the kind of event, readable without decoding the value.',
    },
    ce_source: {
      type: 'string',
      format: 'uri-reference',
      description: 'CloudEvents `source`: identifies the service that produced the event.',
    },
    ce_time: {
      type: 'string',
      format: 'date-time',
      description: 'CloudEvents `time`: when the event happened, as an RFC 3339 timestamp.',
    },
    ce_specversion: {
      type: 'string',
      const: '1.0',
      description: 'CloudEvents `specversion`: the version of the CloudEvents specification used.',
    },
    traceparent: {
      type: 'string',
      pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
      description:
        'W3C Trace Context `traceparent` of the send, so a trace follows the saga across services.',
    },
  },
} as const;

/** The Kafka key of every message: the order's id, so all of one order's messages share a partition and stay in order. */
export const messageKeySchema = {
  type: 'string',
  format: 'uuid',
  description:
    "The order id (the value's `orderId`). Every topic is keyed by it, so one order's messages land " +
    'in one partition and are consumed in the order they were sent.',
} as const;
