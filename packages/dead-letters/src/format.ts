import {
  headerText,
  type DeadLetter,
  type DecodedValue,
  type Replayed,
  type SkippedDeadLetter,
} from '@saga/events';

/** How much of an undecoded value a listing shows; the rest is elided (the bytes are in the .dlq topic). */
const PREVIEW_BYTES = 48;

/** A dead letter as a few human-readable lines, its value decoded as JSON when it could be. */
export function formatDeadLetter(letter: DeadLetter, decoded: DecodedValue): string[] {
  const headers = Object.entries(letter.headers)
    .map(([name, v]) => `${name}=${headerText(v) ?? ''}`)
    .join(' ');
  const code = letter.error.code === undefined ? '' : ` (${letter.error.code})`;
  const lines = [
    `${letter.topic}/${letter.partition}/${letter.offset}  dead-lettered ${letter.deadLetteredAt} by group ${letter.consumerGroup}`,
    `  from:    ${letter.original.topic}/${letter.original.partition}/${letter.original.offset}, key ${letter.key?.toString() ?? '(none)'}`,
    `  error:   ${letter.error.name}${code}, ${letter.classification} after ${letter.attempts} attempt(s): ${letter.error.message}`,
    `  value:   ${formatValue(letter.value, decoded)}`,
    `  headers: ${headers || '(none)'}`,
  ];
  if (letter.replayOf) {
    const of = letter.replayOf;
    lines.push(
      `  replay ${of.count} of ${of.topic}/${of.partition}/${of.offset} (sent ${of.at}), failed again`,
    );
  }
  if (letter.replayed) {
    const { to, at } = letter.replayed;
    lines.push(`  replayed to ${to.topic}/${to.partition}/${to.offset} at ${at}`);
  }
  return lines;
}

function formatValue(value: Buffer | null, decoded: DecodedValue): string {
  if (decoded.decodeError === null)
    return `${JSON.stringify(decoded.json)} (schema id ${String(decoded.schemaId)})`;
  if (value === null) return `none (${decoded.decodeError})`;
  const preview = value.subarray(0, PREVIEW_BYTES).toString('base64');
  return `not decoded (${decoded.decodeError}); ${value.length} bytes, base64 ${preview}${value.length > PREVIEW_BYTES ? '…' : ''}`;
}

/**
 * A dead letter as JSON, the same shape `GET /dead-letters` answers with: `value` decoded (null when it
 * did not decode, with `decodeError`), `valueBase64` the bytes, headers as text.
 */
export function deadLetterJson(letter: DeadLetter, decoded: DecodedValue): Record<string, unknown> {
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
    headers: Object.fromEntries(Object.entries(letter.headers).map(([k, v]) => [k, headerText(v)])),
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

export function formatReplayed(replayed: Replayed): string {
  const { from, to } = replayed;
  return `replayed ${from.topic}/${from.partition}/${from.offset} -> ${to.topic}/${to.partition}/${to.offset}`;
}

export function formatSkipped(skipped: SkippedDeadLetter): string {
  const { deadLetter: d, message } = skipped;
  return `skipped  ${d.topic}/${d.partition}/${d.offset}: ${message}`;
}
