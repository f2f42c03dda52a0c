import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Role } from './hops.ts';
import { RoleCommandError } from './role-command-error.ts';
import { RoleExitedError } from './role-exited-error.ts';
import type { RoleCommand, RoleReply } from './role-protocol.ts';

/** Lines of a role's output kept for the error that reports its death. */
const TAIL_LINES = 30;
const entry = fileURLToPath(new URL('./role-main.ts', import.meta.url));

interface Waiting {
  readonly command: string;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The section's handle on one role's process (`node --import tsx role-main.ts`, as the services run):
 * commands go out over IPC and come back as promises. The role's own log lines are kept, not shown;
 * if the process dies, every command it owes fails with a RoleExitedError quoting the last of them.
 */
export class RoleProcess {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<number, Waiting>();
  private readonly tail: string[] = [];
  private nextId = 1;
  private readonly exited: Promise<void>;
  private readonly ready: Promise<void>;
  private stopping = false;
  /**
   * Rejects with a RoleExitedError if the process ends before `stop`; never resolves. Every role's is
   * raced against each phase, since a dead inventory role shows at the order role only as a stall.
   */
  readonly failure: Promise<never>;

  constructor(readonly role: Role) {
    const node = ['--import', import.meta.resolve('tsx'), '--disable-warning=TimeoutNegativeWarning'];
    this.child = spawn(process.execPath, [...node, entry], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: process.env,
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        this.tail.push(...chunk.split('\n').filter((line) => line !== ''));
        this.tail.splice(0, Math.max(0, this.tail.length - TAIL_LINES));
      });
    }
    this.ready = new Promise((resolve, reject) => {
      this.child.on('message', (reply: RoleReply) => {
        if (reply.kind === 'ready') resolve();
        else this.settle(reply);
      });
      this.child.once('exit', () => {
        reject(this.exitError());
      });
    });
    this.ready.catch(() => undefined);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', () => {
        for (const waiting of this.waiting.values()) waiting.reject(this.exitError());
        this.waiting.clear();
        resolve();
      });
    });
    this.failure = this.exited.then(() => {
      if (!this.stopping) throw this.exitError();
      return new Promise<never>(() => undefined);
    });
    this.failure.catch(() => undefined);
  }

  /** Sends `command` and resolves with the role's result once it has done it. */
  async request<R = unknown>(command: RoleCommand): Promise<R> {
    await this.ready;
    if (!this.child.connected) throw this.exitError();
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.waiting.set(id, { command: command.kind, resolve: resolve as (result: unknown) => void, reject });
      this.child.send({ ...command, id });
    });
  }

  /** Asks the role to leave its group and exit; kills it if it has not within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const kill = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      if (this.child.connected) {
        // The role answers, disconnects and exits; one that hangs is killed when the grace is up.
        await Promise.race([this.request({ kind: 'stop' }).catch(() => undefined), this.exited]);
      } else {
        this.child.kill('SIGTERM');
      }
      await this.exited;
    } finally {
      clearTimeout(kill);
    }
  }

  private settle(reply: Exclude<RoleReply, { kind: 'ready' }>): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (reply.kind === 'done') waiting.resolve(reply.result);
    else waiting.reject(new RoleCommandError(this.role, waiting.command, reply.code, reply.message));
  }

  private exitError(): RoleExitedError {
    const { exitCode, signalCode } = this.child;
    return new RoleExitedError(this.role, exitCode, signalCode, this.tail.join('\n'));
  }
}
