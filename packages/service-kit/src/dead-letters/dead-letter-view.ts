import { headerText, type DeadLetter } from '@saga/events';

/** A dead letter as the HTTP API shows it: bytes as base64, headers as text. */
export interface DeadLetterView {
  /** Where the dead letter is; `POST /dead-letters/replay` takes these three. */
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  /** The original value bytes, base64 (they may not be valid Avro, or anything). */
  readonly value: string | null;
  readonly valueBytes: number;
  /** The original message's headers (CloudEvents `ce_*`, `traceparent`, ...). */
  readonly headers: Record<string, string>;
  readonly original: DeadLetter['original'];
  readonly consumerGroup: string;
  readonly error: DeadLetter['error'];
  readonly classification: string;
  readonly attempts: number;
  readonly deadLetteredAt: string;
}

export function deadLetterView(letter: DeadLetter): DeadLetterView {
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
    value: letter.value?.toString('base64') ?? null,
    valueBytes: letter.value?.length ?? 0,
    headers,
    original: letter.original,
    consumerGroup: letter.consumerGroup,
    error: letter.error,
    classification: letter.classification,
    attempts: letter.attempts,
    deadLetteredAt: letter.deadLetteredAt,
  };
}
