import { performance } from 'node:perf_hooks';

/**
 * Runs `operation` back to back, each call awaited when it returns a promise (as one consumer would
 * handle one message after another), for `seconds` after `warmupSeconds` of the same untimed;
 * answers completed calls per second. The clock is read every 64 calls, not on each one.
 */
export async function opsPerSecond(
  operation: () => unknown,
  seconds: number,
  warmupSeconds = Math.min(0.5, seconds / 4),
): Promise<number> {
  if (warmupSeconds > 0) await loop(operation, warmupSeconds);
  return loop(operation, seconds);
}

async function loop(operation: () => unknown, seconds: number): Promise<number> {
  const started = performance.now();
  const until = started + seconds * 1000;
  let done = 0;
  while (performance.now() < until) {
    for (let i = 0; i < 64; i++) {
      const result = operation();
      if (result instanceof Promise) await result;
    }
    done += 64;
  }
  return done / ((performance.now() - started) / 1000);
}
