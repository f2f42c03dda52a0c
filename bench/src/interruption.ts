import { BenchInterruptedError } from './bench-interrupted-error.ts';

/**
 * Turns SIGINT and SIGTERM into a rejection while a section runs, so the section's `finally` still
 * stops its child processes and deletes its topics: Node's default for these signals is to exit at
 * once, which would leave both behind on a broker others share. Race the section's waits against
 * `interrupted`, and `dispose` when done, which gives the signals back to Node's default.
 */
export class Interruption {
  /** Rejects with BenchInterruptedError at the first signal; never resolves. */
  readonly interrupted: Promise<never>;
  private readonly listeners: [NodeJS.Signals, () => void][] = [];

  constructor(signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']) {
    this.interrupted = new Promise<never>((_, reject) => {
      for (const signal of signals) {
        const listener = () => {
          reject(new BenchInterruptedError(signal));
        };
        this.listeners.push([signal, listener]);
        process.once(signal, listener);
      }
    });
    // Nobody may be racing against it at the moment the signal comes: that must not crash the process.
    this.interrupted.catch(() => undefined);
  }

  /** `work`, unless a signal comes first. */
  race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.interrupted]);
  }

  dispose(): void {
    for (const [signal, listener] of this.listeners.splice(0)) process.off(signal, listener);
  }
}
