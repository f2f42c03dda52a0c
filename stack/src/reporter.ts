/**
 * Progress output for long-running steps. Lines, not redraws: the output stays readable
 * in CI logs and when several pieces provision at once.
 */
export interface Reporter {
  info(piece: string, message: string): void;
  /** Throttled: prints at most every few seconds per piece, and always on completion. */
  progress(
    piece: string,
    label: string,
    done: number,
    total: number | undefined,
    unit: 'bytes' | 'items',
  ): void;
}

const MB = 1024 * 1024;

export function consoleReporter(
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Reporter {
  const lastPrinted = new Map<string, number>();
  const format = (n: number, unit: 'bytes' | 'items') =>
    unit === 'bytes' ? `${(n / MB).toFixed(1)} MB` : String(n);
  return {
    info(piece, message) {
      write(`[${piece}] ${message}`);
    },
    progress(piece, label, done, total, unit) {
      const key = `${piece}:${label}`;
      const now = Date.now();
      const finished = total !== undefined && done >= total;
      if (!finished && now - (lastPrinted.get(key) ?? 0) < 3000) return;
      lastPrinted.set(key, now);
      const pct = total ? ` (${Math.floor((done / total) * 100)}%)` : '';
      const of = total ? ` of ${format(total, unit)}` : '';
      write(`[${piece}] ${label}: ${format(done, unit)}${of}${pct}`);
    },
  };
}

export const silentReporter: Reporter = { info() {}, progress() {} };
