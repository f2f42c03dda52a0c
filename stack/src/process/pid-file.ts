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

/**
 * True when the recorded process still runs and is still the one we started.
 *
 * An empty command line is not a different process: the kernel shows none while a process is in the
 * middle of an exec (setpriv becoming postgres), and none for a zombie. Only a zombie is dead; taking
 * an exec for an exit failed the chaos harness's PostgreSQL start about once a run.
 */
export function isAlive(record: PidRecord): boolean {
  try {
    process.kill(record.pid, 0);
  } catch {
    return false;
  }
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${record.pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    // No /proc (not Linux): trust the signal probe.
    return true;
  }
  if (cmdline.trim() === '') return !isZombie(record.pid);
  return cmdline.includes(record.signature);
}

/** Whether the process has exited and waits to be reaped (state Z in /proc/<pid>/stat). */
function isZombie(pid: number): boolean {
  try {
    return processState(readFileSync(`/proc/${pid}/stat`, 'utf8')) === 'Z';
  } catch {
    return true;
  }
}

/** The state letter of a /proc/<pid>/stat line, "pid (comm) S …"; comm may hold spaces and ')'. */
export function processState(stat: string): string {
  const end = stat.lastIndexOf(')');
  return stat.slice(end + 2, end + 3);
}
