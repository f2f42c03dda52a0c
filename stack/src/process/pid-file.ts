import { readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** What the launcher remembers about a process it started, so that another invocation can find and stop it. */
export interface PidRecord {
  readonly piece: string;
  readonly pid: number;
  /** A string the process's command line must contain: guards against a recycled pid. */
  readonly signature: string;
  readonly startedAt: string;
}

export async function writePidFile(path: string, record: PidRecord): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(record, null, 2)}\n`);
}

export async function readPidFile(path: string): Promise<PidRecord | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as PidRecord;
  } catch {
    return undefined;
  }
}

export async function removePidFile(path: string): Promise<void> {
  await rm(path, { force: true });
}

/** True when the recorded process still runs and is still the one we started. */
export function isAlive(record: PidRecord): boolean {
  try {
    process.kill(record.pid, 0);
  } catch {
    return false;
  }
  try {
    const cmdline = readFileSync(`/proc/${record.pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return cmdline.includes(record.signature);
  } catch {
    // No /proc (not Linux): trust the signal probe.
    return true;
  }
}
