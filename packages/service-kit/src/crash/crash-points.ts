import { writeSync } from 'node:fs';
import { loadConfig } from '@saga/config';
import { PlatformError } from '@saga/errors';

/**
 * The named moments at which a test can make a service die (SIGKILL, no clean-up), to prove that
 * what was written before survives and what was not is redone. Armed only through SAGA_CRASH_POINTS.
 */
export const crashPointNames = [
  /** A consumed message's effects are stored; its offset is not committed yet, so it comes again. */
  'after-store-write-before-commit',
  /** An outbox entry reached Kafka; it is still in the document, so the relay sends it again. */
  'after-publish-before-outbox-removal',
  /** inventory: some lines of a multi-SKU reservation hold stock, the others do not yet. */
  'mid-reservation',
] as const;

export type CrashPointName = (typeof crashPointNames)[number];

/** How an armed point fires: the nth time it is reached, or at each reach with a probability. */
type Trigger = { readonly nth: number } | { readonly probability: number };

/** Raised at start-up when SAGA_CRASH_POINTS names a point that does not exist or a bad trigger. */
export class CrashPointSpecError extends PlatformError {
  readonly code = 'CRASH_POINT_INVALID';
  readonly retriable = false;
  constructor(spec: string, reason: string) {
    super(
      `SAGA_CRASH_POINTS entry "${spec}" ${reason}; fix: use name, name:N (the Nth time) or name@P (probability 0-1), with a name from ${crashPointNames.join(', ')}`,
    );
  }
}

/** Parses `name`, `name:N` or `name@P` entries. */
export function parseCrashPoints(specs: readonly string[]): ReadonlyMap<CrashPointName, Trigger> {
  const armed = new Map<CrashPointName, Trigger>();
  for (const spec of specs) {
    const match = /^([a-z-]+)(?::(\d+)|@(0(?:\.\d+)?|1(?:\.0+)?))?$/.exec(spec);
    if (!match) throw new CrashPointSpecError(spec, 'is not name, name:N or name@P');
    const [, name = '', nth, probability] = match;
    if (!(crashPointNames as readonly string[]).includes(name)) {
      throw new CrashPointSpecError(spec, `names no crash point`);
    }
    const trigger: Trigger =
      probability !== undefined ? { probability: Number(probability) } : { nth: Number(nth ?? 1) };
    if ('nth' in trigger && trigger.nth < 1) throw new CrashPointSpecError(spec, 'counts from 1');
    armed.set(name as CrashPointName, trigger);
  }
  return armed;
}

let armed: ReadonlyMap<CrashPointName, Trigger> | undefined;
const reached = new Map<CrashPointName, number>();

/** Arms the points of SAGA_CRASH_POINTS (runService calls it at start, so a bad entry stops the start). */
export function armCrashPoints(specs: readonly string[] = loadConfig().crashPoints): void {
  armed = parseCrashPoints(specs);
  reached.clear();
}

/**
 * Kills this process at once if `point` is armed and its trigger fires. Unarmed, it costs a map lookup.
 * SIGKILL rather than exit: no finally block, no shutdown hook, no buffered write gets to run.
 */
export function crashPoint(point: CrashPointName): void {
  const trigger = armed?.get(point);
  if (!trigger) return;
  const count = (reached.get(point) ?? 0) + 1;
  reached.set(point, count);
  const fires = 'nth' in trigger ? count === trigger.nth : Math.random() < trigger.probability;
  if (!fires) return;
  // Synchronous: the line must be on disk before the process is gone.
  writeSync(
    2,
    `${JSON.stringify({ level: 60, msg: 'crash point reached; killing the process', point, pid: process.pid, time: new Date().toISOString() })}\n`,
  );
  process.kill(process.pid, 'SIGKILL');
}
