import { parseArgs } from 'node:util';
import { InvalidDeadLetterFilterError, parseDeadLetterFilter, type DeadLetterFilter } from '@saga/events';
import { UsageError } from './usage-error.ts';

export const USAGE = `usage: saga-dlq <command>   (through npm: npm run dlq -- <command>)
  list [--topic T] [--key K] [--since S] [--until U] [--limit N] [--json]
        the newest N (default 20) dead letters of T (a topic or its .dlq name), or of every
        platform topic when no --topic is given, values decoded through the schema registry;
        --key: exactly this message key; --since/--until: dead-lettered at or after S, before U,
        each an ISO 8601 time (2026-01-02T03:04:05Z) or a duration back from now (30s, 15m, 2h, 7d);
        --json: one JSON object per line
  replay --topic T.dlq --offset O [--partition P] [--again]
        sends the dead letter at T.dlq/P/O (P defaults to 0) back to its original topic;
        one already replayed only with --again
  replay --topic T.dlq --all [--include-replays]
        sends every dead letter of T.dlq not replayed yet back to its original topic, oldest first,
        leaving out replays that failed again unless --include-replays`;

/** A parsed command line. */
export type Command =
  | {
      readonly kind: 'list';
      readonly topic?: string;
      readonly filter: DeadLetterFilter;
      readonly limit: number;
      readonly json: boolean;
    }
  | {
      readonly kind: 'replay-one';
      readonly topic: string;
      readonly partition: number;
      readonly offset: string;
      readonly again: boolean;
    }
  | { readonly kind: 'replay-all'; readonly topic: string; readonly includeReplays: boolean };

/**
 * Reads the arguments after the program name; relative times count back from `now`.
 * @throws UsageError naming what is wrong.
 */
export function parseCommand(argv: readonly string[], now: Date = new Date()): Command {
  const [name, ...rest] = argv;
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: {
        topic: { type: 'string' },
        key: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
        offset: { type: 'string' },
        partition: { type: 'string' },
        again: { type: 'boolean' },
        all: { type: 'boolean' },
        'include-replays': { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message, USAGE);
  }
  const only = (allowed: readonly string[]) => {
    const extra = Object.keys(values).filter((k) => !allowed.includes(k));
    if (extra.length > 0) throw new UsageError(`\`${name}\` does not take --${extra.join(', --')}`, USAGE);
  };
  const text = (option: string) => values[option] as string | undefined;
  switch (name) {
    case 'list': {
      only(['topic', 'key', 'since', 'until', 'limit', 'json']);
      const limit = values.limit === undefined ? 20 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError(
          `--limit must be a whole number of at least 1, not "${String(values.limit)}"`,
          USAGE,
        );
      let filter: DeadLetterFilter;
      try {
        filter = parseDeadLetterFilter({ key: text('key'), since: text('since'), until: text('until') }, now);
      } catch (error) {
        if (error instanceof InvalidDeadLetterFilterError) throw new UsageError(`--${error.message}`, USAGE);
        throw error;
      }
      const topic = text('topic');
      return {
        kind: 'list',
        ...(topic === undefined ? {} : { topic }),
        filter,
        limit,
        json: values.json === true,
      };
    }
    case 'replay': {
      only(['topic', 'offset', 'partition', 'again', 'all', 'include-replays']);
      const topic = text('topic');
      if (topic === undefined) throw new UsageError('`replay` needs --topic <topic>.dlq', USAGE);
      if (!topic.endsWith('.dlq'))
        throw new UsageError(`--topic names the dead-letter topic: "${topic}.dlq", not "${topic}"`, USAGE);
      if (values.all === true) {
        if (values.offset !== undefined || values.partition !== undefined)
          throw new UsageError('--all replays every dead letter: leave out --offset and --partition', USAGE);
        if (values.again !== undefined)
          throw new UsageError(
            '--again is for one dead letter by --offset; --all never sends one already replayed',
            USAGE,
          );
        return { kind: 'replay-all', topic, includeReplays: values['include-replays'] === true };
      }
      if (values['include-replays'] !== undefined)
        throw new UsageError('--include-replays goes with --all', USAGE);
      const offset = text('offset');
      if (offset === undefined) throw new UsageError('`replay` needs --offset <offset> (or --all)', USAGE);
      if (!/^\d+$/.test(offset))
        throw new UsageError(`--offset must be a whole number, not "${offset}"`, USAGE);
      const partitionText = text('partition') ?? '0';
      if (!/^\d+$/.test(partitionText))
        throw new UsageError(`--partition must be a whole number, not "${partitionText}"`, USAGE);
      return {
        kind: 'replay-one',
        topic,
        partition: Number(partitionText),
        offset,
        again: values.again === true,
      };
    }
    default:
      throw new UsageError(name ? `unknown command "${name}"` : 'no command given', USAGE);
  }
}
