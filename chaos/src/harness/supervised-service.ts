import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { repoRoot } from '@saga/config';
import {
  entryOf,
  harnessPorts,
  portVariables,
  testTokens,
  urlOf,
  type ServiceName,
} from './harness-settings.ts';

/** How one spawn of a service ended. */
export interface ServiceExit {
  readonly service: ServiceName;
  /** Which process of the service: its name, or `name#2` for a second replica. */
  readonly label: string;
  readonly pid: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The SAGA_CRASH_POINTS this spawn ran with. */
  readonly crashPoints: readonly string[];
  /** The harness killed it (rather than a crash point, a failed start or an accident). */
  readonly killedByHarness: boolean;
  /** It ended because the harness stopped it for good (no restart follows). */
  readonly stopped: boolean;
  readonly uptimeMs: number;
}

export interface SupervisedServiceOptions {
  readonly name: ServiceName;
  /** Which replica of the service (0, the default, is the first): each listens on a port of its own. */
  readonly replica?: number;
  readonly logFile: string;
  /** Environment on top of the harness's own (ports, tokens, LOG_LEVEL). */
  readonly env?: NodeJS.ProcessEnv;
  /** The crash points of the next spawn (SAGA_CRASH_POINTS), asked at every spawn. */
  readonly crashPointsFor?: (spawn: number) => readonly string[];
  /** Wait before a restart, like the launcher's supervisor. */
  readonly restartDelayMs?: number;
  readonly onExit?: (exit: ServiceExit) => void;
}

/**
 * One service as a real child process (Node 24 running its TypeScript entry through tsx), restarted
 * whenever it dies until `stop`: the harness's own supervisor, so that it can choose SAGA_CRASH_POINTS
 * for every spawn and tell its own kills from crash points. Output is appended to `logFile`, with a
 * header line per spawn.
 */
export class SupervisedService {
  readonly name: ServiceName;
  /** The service's name, or `name#2` for its second replica: how logs and kill counts name it. */
  readonly label: string;
  readonly port: number;
  readonly url: string;
  readonly exits: ServiceExit[] = [];
  private child: ChildProcess | undefined;
  private spawns = 0;
  private stopping = false;
  private killing = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly options: SupervisedServiceOptions) {
    this.name = options.name;
    const replica = options.replica ?? 0;
    this.label = replica === 0 ? options.name : `${options.name}#${replica + 1}`;
    this.port = harnessPorts[options.name] + 10 * replica;
    this.url = replica === 0 ? urlOf(options.name) : `http://127.0.0.1:${this.port}`;
  }

  /** Spawns the service (and keeps it running until `stop`). */
  start(): void {
    this.stopping = false;
    this.spawn();
  }

  /** SIGKILLs the running spawn, if any; the supervisor restarts it. Resolves once it is gone. */
  async kill(): Promise<boolean> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return false;
    this.killing = true;
    child.kill('SIGKILL');
    await this.exited;
    return true;
  }

  /** Stops supervising and ends the service: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Whether a spawn is alive right now. */
  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Polls /readyz until it answers 200 (true) or `timeoutMs` passes (false). */
  async waitReady(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2000) });
        await response.body?.cancel();
        if (response.ok) return true;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    return false;
  }

  private spawn(): void {
    const spawnNumber = ++this.spawns;
    const crashPoints = this.options.crashPointsFor?.(spawnNumber) ?? [];
    mkdirSync(dirname(this.options.logFile), { recursive: true });
    const log = openSync(this.options.logFile, 'a');
    writeSync(
      log,
      `${JSON.stringify({ harness: 'chaos', msg: 'spawn', service: this.label, spawn: spawnNumber, crashPoints, time: new Date().toISOString() })}\n`,
    );
    const startedAt = Date.now();
    const child = spawn(
      process.execPath,
      ['--disable-warning=TimeoutNegativeWarning', '--import', 'tsx', entryOf(this.name)],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
          [portVariables[this.name]]: String(this.port),
          OPS_TOKENS: testTokens.ops,
          ADMIN_TOKENS: testTokens.admin,
          AUTH_JWT_SECRET: testTokens.jwtSecret,
          SAGA_CRASH_POINTS: crashPoints.join(','),
          ...this.options.env,
        },
        stdio: ['ignore', log, log],
      },
    );
    closeSync(log);
    this.child = child;
    this.exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        const exit: ServiceExit = {
          service: this.name,
          label: this.label,
          pid: child.pid ?? -1,
          code,
          signal,
          crashPoints,
          killedByHarness: this.killing,
          stopped: this.stopping,
          uptimeMs: Date.now() - startedAt,
        };
        this.killing = false;
        this.exits.push(exit);
        this.options.onExit?.(exit);
        if (!this.stopping) {
          this.restartTimer = setTimeout(() => {
            if (!this.stopping) this.spawn();
          }, this.options.restartDelayMs ?? 500);
        }
        resolve();
      });
    });
  }
}
