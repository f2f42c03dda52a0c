import { headerText, type DeadLetter, type DecodedValue } from '@saga/events';

/** A dead letter as the HTTP API shows it: the value decoded as JSON beside its bytes, headers as text. */
export interface DeadLetterView {
  /** Where the dead letter is; `POST /dead-letters/replay` takes these three. */
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  /** The value decoded through the registry with its writer's schema, as JSON; null when it did not decode. */
  readonly value: unknown;
  /** The original value bytes, base64, whether they decoded or not. */
  readonly valueBase64: string | null;
  readonly valueBytes: number;
  /** The registry id in the value's Confluent header; null when it has none. */
  readonly valueSchemaId: number | null;
  /** Why `value` is null: the bytes are not Confluent-framed Avro, the schema id is unknown, the registry is away. */
  readonly decodeError: string | null;
  /** The original message's headers (CloudEvents `ce_*`, `traceparent`, replay provenance `dlq.replayed-*`). */
  readonly headers: Record<string, string>;
  /** The `dlq.` headers the dead-lettering wrote (error class, code, message, classification, attempts, origin). */
  readonly deadLetterHeaders: Readonly<Record<string, string>>;
  readonly original: DeadLetter['original'];
  readonly consumerGroup: string;
  readonly error: DeadLetter['error'];
  readonly classification: string;
  readonly attempts: number;
  readonly deadLetteredAt: string;
  /** When this dead letter was replayed and where the copy went; null when it never was. */
  readonly replayed: DeadLetter['replayed'];
  /** The earlier dead letter this one is a replay of (it failed again); null when it is no replay. */
  readonly replayOf: DeadLetter['replayOf'];
}

export function deadLetterView(letter: DeadLetter, decoded: DecodedValue): DeadLetterView {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(letter.headers)) {
    const text = headerText(value);
    if (text !== undefined) headers[name] = text;
  }
  return {
    topic: letter.topic,
    partition: letter.partition,
    offset: letter.offset,
    key: letter.key?.toString() ?? null,
    value: decoded.json,
    valueBase64: letter.value?.toString('base64') ?? null,
    valueBytes: letter.value?.length ?? 0,
    valueSchemaId: decoded.schemaId,
    decodeError: decoded.decodeError,
    headers,
    deadLetterHeaders: letter.deadLetterHeaders,
    original: letter.original,
    consumerGroup: letter.consumerGroup,
    error: letter.error,
    classification: letter.classification,
    attempts: letter.attempts,
    deadLetteredAt: letter.deadLetteredAt,
    replayed: letter.replayed,
    replayOf: letter.replayOf,
  };
}
