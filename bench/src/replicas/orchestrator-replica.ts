import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@saga/config';
import { freePort } from '@saga/testing';
import { ReplicaNotReadyError } from './replica-not-ready-error.ts';

/** Lines of the replica's output kept for the error that reports it. */
const TAIL_LINES = 30;

/**
 * One more orchestrator process beside the stack's own, as `npm start` runs it (Node with tsx, the
 * stack's environment), on a free port: it joins the same consumer group and store, so the group's
 * sagas are split between two replicas while it runs. `stop` ends it with SIGTERM, as the stack does,
 * and the group gives its keys back to the stack's orchestrator.
 */
export class OrchestratorReplica {
  private readonly tail: string[] = [];
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        this.tail.push(...chunk.split('\n').filter((line) => line !== ''));
        this.tail.splice(0, Math.max(0, this.tail.length - TAIL_LINES));
      });
    }
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        resolve();
      }),
    );
  }

  /** Starts the replica and waits until its /readyz answers 200 (it has joined the group). */
  static async start(readyTimeoutMs = 60_000): Promise<OrchestratorReplica> {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [
        '--import',
        import.meta.resolve('tsx'),
        '--disable-warning=TimeoutNegativeWarning',
        join(repoRoot, 'services', 'orchestrator-service', 'src', 'main.ts'),
      ],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ORCHESTRATOR_SERVICE_PORT: String(port) },
      },
    );
    const replica = new OrchestratorReplica(child, `http://127.0.0.1:${port}`);
    const began = Date.now();
    while (Date.now() - began < readyTimeoutMs && child.exitCode === null) {
      const ready = await fetch(`${replica.url}/readyz`, { signal: AbortSignal.timeout(2_000) })
        .then((response) => response.ok)
        .catch(() => false);
      if (ready) return replica;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await replica.stop();
    throw new ReplicaNotReadyError(replica.url, Date.now() - began, replica.tail.join('\n'));
  }

  /** SIGTERM, and SIGKILL if it has not ended within `graceMs`. */
  async stop(graceMs = 20_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
