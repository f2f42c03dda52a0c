import type { PieceStatus } from './stack.ts';
import type { Reporter } from './reporter.ts';
import type { StackPaths } from './paths.ts';

/** What the supervisor watches: a Stack or the whole Platform. */
export interface Supervised {
  status(): Promise<PieceStatus[]>;
  up(): Promise<unknown>;
}

export interface SupervisorOptions {
  readonly reporter: Reporter;
  readonly paths: Pick<StackPaths, 'logOf'>;
  /** How often the pieces are checked (default 2 s). */
  readonly pollMs?: number;
  /** The first restart waits this long; each failed round doubles it, up to `maxBackoffMs`. */
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

/**
 * Keeps local pieces running: a piece whose process died is reported and started again after a
 * backoff that doubles while restarts keep failing and resets once everything runs. A crash-looping
 * piece thus costs at most one start every `maxBackoffMs`, and a single crash comes back in about a second.
 */
export class Supervisor {
  private stopped = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly target: Supervised,
    private readonly options: SupervisorOptions,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops watching. A restart already under way goes on; `settled` resolves once it has ended. */
  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  /** Resolves when the watch loop has ended (after `stop`). */
  async settled(): Promise<void> {
    await this.loop;
  }

  private async run(): Promise<void> {
    const { reporter, paths } = this.options;
    const pollMs = this.options.pollMs ?? 2000;
    const initial = this.options.initialBackoffMs ?? 1000;
    const max = this.options.maxBackoffMs ?? 30_000;
    let backoffMs = initial;
    while (!this.isStopped()) {
      await this.sleep(pollMs);
      if (this.isStopped()) return;
      const down = (await this.target.status()).filter((s) => s.mode === 'local' && !s.running);
      if (down.length === 0) {
        backoffMs = initial;
        continue;
      }
      for (const s of down) {
        reporter.info(
          s.piece.name,
          `exited unexpectedly (see ${paths.logOf(s.piece.name)}); restarting in ${backoffMs / 1000}s`,
        );
      }
      await this.sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, max);
      if (this.isStopped()) return;
      try {
        await this.target.up();
        for (const s of down) reporter.info(s.piece.name, 'restarted');
      } catch (error) {
        reporter.info('stack', `restart failed: ${(error as Error).message}`);
      }
    }
  }

  // A method, not the field: the flag flips while the loop awaits, which narrowing cannot see.
  private isStopped(): boolean {
    return this.stopped;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
