import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@saga/config';

/** The last this many characters of a process's output are kept: its log lines for a test to read, and to show when it fails. */
const OUTPUT_KEPT = 2_000_000;

/**
 * One service as a real process of its own (Node running its TypeScript entry through tsx, as the
 * stack runs it), so that everything per process (its OpenTelemetry SDK and service.name) is its own.
 */
export class ServiceProcess {
  readonly url: string;
  private output = '';
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;

  constructor(
    readonly name: string,
    readonly port: number,
    env: NodeJS.ProcessEnv,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'services', name, 'src', 'main.ts')],
      {
        cwd: repoRoot,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-OUTPUT_KEPT);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', () => {
        resolve();
      }),
    );
  }

  /** What the process wrote last (its log lines), for a failure's message. */
  get lastOutput(): string {
    return this.output;
  }

  /** Polls /readyz until it answers 200; throws with the process's output after `timeoutMs`. */
  async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) break;
      try {
        const response = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2000) });
        await response.body?.cancel();
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    throw new Error(
      `${this.name} was not ready in ${timeoutMs} ms; its output:\n${this.output.slice(-20_000)}`,
    );
  }

  /** SIGTERM (the service stops, flushing its spans), then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
