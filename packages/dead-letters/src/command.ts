import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.ts';

export const USAGE = `usage: saga-dlq <command>   (through npm: npm run dlq -- <command>)
  list [--topic T] [--limit N] [--json]
        the newest N (default 20) dead letters of T (a topic or its .dlq name),
        or of every platform topic when no --topic is given
  replay --topic T.dlq --offset O [--partition P]
        sends the dead letter at T.dlq/P/O (P defaults to 0) back to its original topic
  replay --topic T.dlq --all
        sends every dead letter of T.dlq back to its original topic, oldest first`;

/** A parsed command line. */
export type Command =
  | { readonly kind: 'list'; readonly topic?: string; readonly limit: number; readonly json: boolean }
  | {
      readonly kind: 'replay-one';
      readonly topic: string;
      readonly partition: number;
      readonly offset: string;
    }
  | { readonly kind: 'replay-all'; readonly topic: string };

/** Reads the arguments after the program name. @throws UsageError naming what is wrong. */
export function parseCommand(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: {
        topic: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
        offset: { type: 'string' },
        partition: { type: 'string' },
        all: { type: 'boolean' },
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
  switch (name) {
    case 'list': {
      only(['topic', 'limit', 'json']);
      const limit = values.limit === undefined ? 20 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError(
          `--limit must be a whole number of at least 1, not "${String(values.limit)}"`,
          USAGE,
        );
      const topic = values.topic as string | undefined;
      return { kind: 'list', ...(topic === undefined ? {} : { topic }), limit, json: values.json === true };
    }
    case 'replay': {
      only(['topic', 'offset', 'partition', 'all']);
      const topic = values.topic as string | undefined;
      if (topic === undefined) throw new UsageError('`replay` needs --topic <topic>.dlq', USAGE);
      if (!topic.endsWith('.dlq'))
        throw new UsageError(`--topic names the dead-letter topic: "${topic}.dlq", not "${topic}"`, USAGE);
      if (values.all === true) {
        if (values.offset !== undefined || values.partition !== undefined)
          throw new UsageError('--all replays every dead letter: leave out --offset and --partition', USAGE);
        return { kind: 'replay-all', topic };
      }
      const offset = values.offset as string | undefined;
      if (offset === undefined) throw new UsageError('`replay` needs --offset <offset> (or --all)', USAGE);
      if (!/^\d+$/.test(offset))
        throw new UsageError(`--offset must be a whole number, not "${offset}"`, USAGE);
      const partitionText = (values.partition as string | undefined) ?? '0';
      if (!/^\d+$/.test(partitionText))
        throw new UsageError(`--partition must be a whole number, not "${partitionText}"`, USAGE);
      return { kind: 'replay-one', topic, partition: Number(partitionText), offset };
    }
    default:
      throw new UsageError(name ? `unknown command "${name}"` : 'no command given', USAGE);
  }
}
