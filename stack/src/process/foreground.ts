import { setTimeout as sleep } from 'node:timers/promises';
import type { StackPaths } from '../paths.ts';
import { isAlive, readPidFile, removePidFile, writePidFile } from './pid-file.ts';

/** The pid record of a foreground `saga-stack start` (`npm start`), under the stack's run folder. */
const foregroundPiece = 'foreground';

/**
 * Records this process as the stack's foreground supervisor, so that `saga-stack stop` from another
 * terminal asks it to stop instead of killing its pieces under it (which its supervisor would restart).
 */
export async function recordForeground(paths: Pick<StackPaths, 'pidOf'>): Promise<void> {
  await writePidFile(paths.pidOf(foregroundPiece), {
    piece: foregroundPiece,
    pid: process.pid,
    signature: process.argv[1] ?? 'saga-stack',
    startedAt: new Date().toISOString(),
  });
}

export async function forgetForeground(paths: Pick<StackPaths, 'pidOf'>): Promise<void> {
  await removePidFile(paths.pidOf(foregroundPiece));
}

/**
 * Asks a running foreground `saga-stack start` to stop (SIGTERM: it stops its supervisor first, then
 * everything, exactly as on Ctrl-C) and waits until it has exited. Returns its pid, or undefined when
 * none runs. Throws when it is still running after `timeoutMs`.
 */
export async function stopForeground(
  paths: Pick<StackPaths, 'pidOf'>,
  timeoutMs = 120_000,
): Promise<number | undefined> {
  const record = await readPidFile(paths.pidOf(foregroundPiece));
  if (!record || record.pid === process.pid) return undefined;
  if (!isAlive(record)) {
    await removePidFile(paths.pidOf(foregroundPiece));
    return undefined;
  }
  process.kill(record.pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isAlive(record)) {
    if (Date.now() > deadline) {
      throw new Error(
        `the foreground stack (npm start, pid ${record.pid}) did not stop within ${timeoutMs / 1000}s; stop it with Ctrl-C in its terminal, or kill ${record.pid}`,
      );
    }
    await sleep(200);
  }
  await removePidFile(paths.pidOf(foregroundPiece));
  return record.pid;
}
