import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SpawnOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly logFile: string;
}

/**
 * Starts a process in its own process group, with stdout and stderr appended to `logFile`.
 * Its own group lets a stop signal reach everything it forked (the JVM, go's children), and keeps
 * a Ctrl-C in the terminal from hitting it before the launcher can stop it in order.
 */
export function spawnDetached(options: SpawnOptions): ChildProcess {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = openSync(options.logFile, 'a');
  try {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', log, log],
    });
    child.unref();
    return child;
  } finally {
    closeSync(log);
  }
}

/** Sends `signal` to the whole process group led by `pid`; false when it is already gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}

/** Stops a process group: `signal` (SIGTERM), then SIGKILL after `graceMs`. Resolves once it is gone. */
export async function stopGroup(
  pid: number,
  isRunning: () => boolean,
  graceMs = 15_000,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<'stopped' | 'killed'> {
  signalGroup(pid, signal);
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isRunning()) return 'stopped';
    await new Promise((r) => setTimeout(r, 200));
  }
  signalGroup(pid, 'SIGKILL');
  while (isRunning()) await new Promise((r) => setTimeout(r, 100));
  return 'killed';
}
