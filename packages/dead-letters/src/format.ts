import { headerText, type DeadLetter, type Replayed } from '@saga/events';

/** How much of a value a listing shows; the rest is elided (the bytes are in the .dlq topic). */
const PREVIEW_BYTES = 32;

/** A dead letter as a few human-readable lines. */
export function formatDeadLetter(letter: DeadLetter): string[] {
  const value = letter.value;
  const preview =
    value === null
      ? 'no value (null)'
      : `${value.length} bytes: ${value.subarray(0, PREVIEW_BYTES).toString('hex')}${value.length > PREVIEW_BYTES ? '…' : ''}`;
  const headers = Object.entries(letter.headers)
    .map(([name, v]) => `${name}=${headerText(v) ?? ''}`)
    .join(' ');
  const code = letter.error.code === undefined ? '' : ` (${letter.error.code})`;
  return [
    `${letter.topic}/${letter.partition}/${letter.offset}  dead-lettered ${letter.deadLetteredAt} by group ${letter.consumerGroup}`,
    `  from:    ${letter.original.topic}/${letter.original.partition}/${letter.original.offset}, key ${letter.key?.toString() ?? '(none)'}, ${preview}`,
    `  error:   ${letter.error.name}${code}, ${letter.classification} after ${letter.attempts} attempt(s): ${letter.error.message}`,
    `  headers: ${headers || '(none)'}`,
  ];
}

/** A dead letter as JSON: bytes base64, headers as text. */
export function deadLetterJson(letter: DeadLetter): Record<string, unknown> {
  return {
    topic: letter.topic,
    partition: letter.partition,
    offset: letter.offset,
    key: letter.key?.toString() ?? null,
    value: letter.value?.toString('base64') ?? null,
    headers: Object.fromEntries(Object.entries(letter.headers).map(([k, v]) => [k, headerText(v)])),
    original: letter.original,
    consumerGroup: letter.consumerGroup,
    error: letter.error,
    classification: letter.classification,
    attempts: letter.attempts,
    deadLetteredAt: letter.deadLetteredAt,
  };
}

export function formatReplayed(replayed: Replayed): string {
  const { from, to } = replayed;
  return `replayed ${from.topic}/${from.partition}/${from.offset} -> ${to.topic}/${to.partition}/${to.offset}`;
}
