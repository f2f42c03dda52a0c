import { redactUrl } from '@saga/logging';
/** One dependency's state: reachable or not, and a short human-readable why. */
export interface ReadinessCheck {
  readonly ok: boolean;
  readonly detail: string;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, ReadinessCheck>>;
}

/**
 * Checks one dependency. Resolves with a detail when it is fine, rejects (with the reason as message)
 * when it is not. It should honour `signal`, which aborts once the probe's time is up.
 */
export type Probe = (signal: AbortSignal) => Promise<string>;

export interface Readiness {
  /** Runs every probe at once (or returns the result of less than `cacheMs` ago). Never rejects. */
  check(): Promise<ReadinessReport>;
}

export interface ReadinessOptions {
  readonly probes: Readonly<Record<string, Probe>>;
  /** A probe that has not answered by then counts as failed. */
  readonly timeoutMs?: number;
  /**
   * Results are reused for this long, and concurrent checks share one run: a busy load balancer
   * polling /readyz cannot turn into load on the broker, registry or store.
   */
  readonly cacheMs?: number;
  readonly now?: () => number;
}

/** Aggregates probes into a readiness report: ready when every probe is ok. */
export function createReadiness(options: ReadinessOptions): Readiness {
  const timeoutMs = options.timeoutMs ?? 1000;
  const cacheMs = options.cacheMs ?? 1000;
  const now = options.now ?? Date.now;
  let cached: { at: number; report: Promise<ReadinessReport> } | undefined;

  const run = async (): Promise<ReadinessReport> => {
    const names = Object.keys(options.probes);
    const results = await Promise.all(
      names.map((name) => runProbe(options.probes[name] ?? (() => Promise.resolve('')), timeoutMs)),
    );
    const checks = Object.fromEntries(names.map((name, i) => [name, results[i] as ReadinessCheck]));
    return { ready: results.every((r) => r.ok), checks };
  };

  return {
    check() {
      const at = now();
      if (!cached || at - cached.at >= cacheMs) cached = { at, report: run() };
      return cached.report;
    },
  };
}

async function runProbe(probe: Probe, timeoutMs: number): Promise<ReadinessCheck> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    // The race bounds probes that ignore the signal too; their late answer is dropped.
    const detail = await Promise.race([probe(controller.signal), timeout]);
    return { ok: true, detail };
  } catch (error) {
    return { ok: false, detail: describe(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The error and its causes on one line: fetch's "fetch failed" only says why in its cause
 * (an AggregateError with no message but a code, when several addresses were tried).
 */
function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    const { message, code, cause } = e as { message?: unknown; code?: unknown; cause?: unknown };
    const part =
      typeof message === 'string' && message !== '' ? message : typeof code === 'string' ? code : '';
    if (part !== '' && !parts.includes(part)) parts.push(part);
    e = cause;
  }
  // A library's error may quote a URL as configured, password included.
  return redactUrl(parts.length > 0 ? parts.join(': ') : String(error));
}
