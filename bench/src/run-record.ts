import { readFileSync } from 'node:fs';
import type { SectionResult } from './section.ts';
import { UnreadableRunRecordError } from './unreadable-run-record-error.ts';

/** One run of `npm run bench`, as bench.ts writes it to bench/results/<stamp>-<mode>.json. */
export interface RunRecord {
  readonly mode: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly memoryBytes: number };
  readonly node: string;
  readonly results: readonly SectionResult[];
}

/** A series of the run by its name (`latency`, `overload`), from whichever section returned it. */
export function seriesOf(record: RunRecord, name: string): readonly Readonly<Record<string, number>>[] {
  return record.results.find((result) => result.series?.[name])?.series?.[name] ?? [];
}

/**
 * A saved run. Only the top level is checked: the file is one bench.ts wrote, and what is checked here
 * is what every chart reads, so a wrong file fails with its name rather than deep inside a chart.
 */
export function readRunRecord(file: string): RunRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new UnreadableRunRecordError(file, `not a readable JSON file (${why})`, { cause });
  }
  if (!isRunRecord(parsed)) {
    throw new UnreadableRunRecordError(file, 'lacks mode, startedAt, machine, node or results');
  }
  return parsed;
}

function isRunRecord(value: unknown): value is RunRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<Record<keyof RunRecord, unknown>>;
  return (
    typeof record.mode === 'string' &&
    typeof record.startedAt === 'string' &&
    typeof record.machine === 'object' &&
    record.machine !== null &&
    typeof record.node === 'string' &&
    Array.isArray(record.results)
  );
}
