import { PlatformError } from '@saga/errors';
import type { DeadLetter } from './dead-letter.ts';

/** Which dead letters a listing shows. Times are compared with when each was dead-lettered. */
export interface DeadLetterFilter {
  /** Exactly this message key. */
  readonly key?: string;
  /** Dead-lettered at or after this instant. */
  readonly since?: Date;
  /** Dead-lettered before this instant. */
  readonly until?: Date;
}

/** A filter's value is not one the listing understands; `field` names which. */
export class InvalidDeadLetterFilterError extends PlatformError {
  readonly code = 'INVALID_DEAD_LETTER_FILTER';
  readonly retriable = false;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
// An ISO 8601 date, or date and time: what Date.parse reads the same in every engine.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * A time bound as people type it: an ISO 8601 time (`2026-01-02T03:04:05Z`, `2026-01-02`) or a
 * duration back from `now` (`90s`, `15m`, `2h`, `7d`).
 * @throws InvalidDeadLetterFilterError naming `field` and the forms it takes.
 */
export function parseTimeBound(field: string, text: string, now: Date): Date {
  const relative = /^(\d+)([smhd])$/.exec(text);
  if (relative) {
    const [, amount = '', unit = 's'] = relative;
    return new Date(now.getTime() - Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS]);
  }
  const at = ISO_TIME.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at))
    throw new InvalidDeadLetterFilterError(
      field,
      `${field} must be an ISO 8601 time (2026-01-02T03:04:05Z) or a duration back from now (30s, 15m, 2h, 7d), not "${text}"`,
    );
  return new Date(at);
}

/**
 * The filter that text options (command-line flags, query parameters) describe.
 * @throws InvalidDeadLetterFilterError for an empty key, a time it cannot read, or `since` after `until`.
 */
export function parseDeadLetterFilter(
  options: {
    readonly key?: string | undefined;
    readonly since?: string | undefined;
    readonly until?: string | undefined;
  },
  now: Date,
): DeadLetterFilter {
  if (options.key === '')
    throw new InvalidDeadLetterFilterError('key', 'key must not be empty; leave it out to list every key');
  const since = options.since === undefined ? undefined : parseTimeBound('since', options.since, now);
  const until = options.until === undefined ? undefined : parseTimeBound('until', options.until, now);
  if (since && until && since >= until)
    throw new InvalidDeadLetterFilterError(
      'since',
      `since (${since.toISOString()}) must be before until (${until.toISOString()})`,
    );
  return {
    ...(options.key === undefined ? {} : { key: options.key }),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
  };
}

/** Whether a dead letter passes the filter. A dead letter without a readable time passes no time bound. */
export function matchesDeadLetterFilter(letter: DeadLetter, filter: DeadLetterFilter): boolean {
  if (filter.key !== undefined && letter.key?.toString() !== filter.key) return false;
  if (!filter.since && !filter.until) return true;
  const at = Date.parse(letter.deadLetteredAt);
  if (Number.isNaN(at)) return false;
  if (filter.since && at < filter.since.getTime()) return false;
  if (filter.until && at >= filter.until.getTime()) return false;
  return true;
}

/** Whether the filter narrows anything down. */
export function isFiltering(filter: DeadLetterFilter): boolean {
  return filter.key !== undefined || filter.since !== undefined || filter.until !== undefined;
}
