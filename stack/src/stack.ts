import { rm } from 'node:fs/promises';
import type { Piece, PieceContext, PieceName } from './pieces/piece.ts';
import { isPortFree } from './process/port.ts';
import { isAlive, readPidFile, removePidFile, writePidFile, type PidRecord } from './process/pid-file.ts';
import { spawnDetached, stopGroup } from './process/spawn-detached.ts';
import { waitUntilReady } from './probe/wait-until-ready.ts';
import { StackError } from './stack-error.ts';

export interface PieceStatus {
  readonly piece: Piece;
  readonly mode: 'local' | 'external';
  readonly pid?: number;
  readonly running: boolean;
  readonly ready: boolean;
  readonly detail: string;
}

/**
 * The generic engine: brings a list of pieces up (provisioning what is missing, starting what
 * is not running, waiting for each to answer), reports their status and stops them.
 * It knows nothing about Kafka or FerretDB; each Piece says how.
 */
export class Stack {
  constructor(
    private readonly pieces: readonly Piece[],
    private readonly ctx: PieceContext,
  ) {}

  /**
   * Starts every local piece that is not running and waits for all pieces, local and external, to be ready.
   * Returns the pieces this call started. On failure, stops those again: nothing is left half-started.
   */
  async up(): Promise<PieceName[]> {
    const started: PieceName[] = [];
    try {
      const toStart = await this.piecesToStart();
      await Promise.all(toStart.map((p) => p.checkPrerequisites(this.ctx)));
      await Promise.all(toStart.map((p) => this.ensurePortsFree(p)));
      await Promise.all(toStart.map((p) => p.provision(this.ctx)));

      const ready = new Map<PieceName, Promise<void>>();
      for (const piece of this.pieces) {
        ready.set(
          piece.name,
          (async () => {
            await Promise.all((piece.dependsOn ?? []).flatMap((d) => ready.get(d) ?? []));
            if (toStart.includes(piece)) {
              await this.start(piece);
              started.push(piece.name);
            }
            const detail = await waitUntilReady(piece, this.ctx, () => this.isRunningSync(piece));
            await piece.afterReady?.(this.ctx);
            this.ctx.reporter.info(piece.name, `ready at ${piece.address(this.ctx.config)} (${detail})`);
          })(),
        );
      }
      const results = await Promise.allSettled(ready.values());
      const failure = results.find((r) => r.status === 'rejected');
      if (failure) throw failure.reason;
      return started;
    } catch (error) {
      if (started.length > 0) {
        this.ctx.reporter.info(
          'stack',
          `start failed; stopping what this run started: ${started.join(', ')}`,
        );
        await this.stop(started);
      }
      throw error;
    }
  }

  /** Stops the local pieces (all, or those named), dependents first. */
  async stop(names?: readonly PieceName[]): Promise<void> {
    for (const piece of [...this.pieces].reverse()) {
      if (names && !names.includes(piece.name)) continue;
      const record = await readPidFile(this.ctx.paths.pidOf(piece.name));
      if (!record) continue;
      if (isAlive(record)) {
        const how = await stopGroup(record.pid, () => isAlive(record), undefined, piece.stopSignal);
        this.ctx.reporter.info(piece.name, how === 'stopped' ? 'stopped' : 'did not stop in time; killed');
      }
      await removePidFile(this.ctx.paths.pidOf(piece.name));
    }
  }

  async status(): Promise<PieceStatus[]> {
    return Promise.all(
      this.pieces.map(async (piece): Promise<PieceStatus> => {
        const external = piece.isExternal(this.ctx.config);
        const record = external ? undefined : await this.runningRecord(piece);
        const probe = await piece.probe(this.ctx.config);
        return {
          piece,
          mode: external ? 'external' : 'local',
          ...(record ? { pid: record.pid } : {}),
          running: external ? probe.ok : record !== undefined,
          ready: probe.ok,
          detail: probe.detail,
        };
      }),
    );
  }

  /** Wipes all data and logs (not the download and build caches). Stops running pieces first. */
  async reset(): Promise<void> {
    await this.stop();
    await rm(this.ctx.paths.data, { recursive: true, force: true });
    await rm(this.ctx.paths.logs, { recursive: true, force: true });
  }

  /** The record of a local piece whose process is alive, if any. */
  async runningRecord(piece: Piece): Promise<PidRecord | undefined> {
    const record = await readPidFile(this.ctx.paths.pidOf(piece.name));
    return record && isAlive(record) ? record : undefined;
  }

  private readonly records = new Map<PieceName, PidRecord>();

  private isRunningSync(piece: Piece): boolean {
    if (piece.isExternal(this.ctx.config)) return true;
    const record = this.records.get(piece.name);
    return record ? isAlive(record) : true;
  }

  private async piecesToStart(): Promise<Piece[]> {
    const result: Piece[] = [];
    for (const piece of this.pieces) {
      if (piece.isExternal(this.ctx.config)) {
        this.ctx.reporter.info(
          piece.name,
          `external, from ${piece.variable ?? '?'}: ${piece.address(this.ctx.config)}`,
        );
        continue;
      }
      const record = await this.runningRecord(piece);
      if (record) {
        this.records.set(piece.name, record);
        this.ctx.reporter.info(piece.name, `already running (pid ${record.pid})`);
      } else {
        result.push(piece);
      }
    }
    return result;
  }

  private async ensurePortsFree(piece: Piece): Promise<void> {
    for (const port of piece.ports) {
      if (!(await isPortFree(port))) {
        throw new StackError(
          'PORT_IN_USE',
          `port ${port} needed by ${piece.title} is already in use by a process this stack did not start`,
          `stop that process (find it with \`ss -ltnp 'sport = :${port}'\`)` +
            (piece.variable ? `, or set ${piece.variable} to use external infrastructure instead` : ''),
        );
      }
    }
  }

  private async start(piece: Piece): Promise<void> {
    const spec = await piece.prepare(this.ctx);
    const logFile = this.ctx.paths.logOf(piece.name);
    this.ctx.reporter.info(piece.name, `starting (log: ${logFile})`);
    const child = spawnDetached({
      command: spec.command,
      args: spec.args,
      env: { ...process.env, ...spec.env },
      ...(spec.cwd ? { cwd: spec.cwd } : {}),
      logFile,
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('spawn', () => {
        resolve(child.pid ?? -1);
      });
      child.once('error', (error) => {
        reject(
          new StackError(
            'START_FAILED',
            `${piece.title} could not start: ${error.message}`,
            `read ${logFile}`,
            {
              cause: error,
            },
          ),
        );
      });
    });
    const record: PidRecord = {
      piece: piece.name,
      pid,
      signature: spec.signature,
      startedAt: new Date().toISOString(),
    };
    this.records.set(piece.name, record);
    await writePidFile(this.ctx.paths.pidOf(piece.name), record);
  }
}
