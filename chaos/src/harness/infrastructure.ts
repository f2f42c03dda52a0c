import { readdirSync, readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig, type Config } from '@saga/config';
import {
  Platform,
  pieces,
  Stack,
  stackPaths,
  type Piece,
  type PieceContext,
  type Reporter,
} from '@saga/stack';
import { privatePieces, privatePorts } from './private-pieces.ts';

export type InfrastructurePiece = 'kafka' | 'registry' | 'postgres' | 'store';

/** Every piece, in start order (the store's FerretDB needs its PostgreSQL). */
export const infrastructurePieces: readonly InfrastructurePiece[] = [
  'kafka',
  'registry',
  'postgres',
  'store',
];

/**
 * Kills, stops and starts the infrastructure the harness runs on, through the stack's Stack engine
 * (the same start, readiness wait and settings as `saga-stack up`) and its pid files.
 *
 * - `stackInfrastructure`: the local stack's own pieces (`saga-stack with --infra` started them);
 *   a piece given as external (KAFKA_BROKERS, ...) is not the harness's to kill (`isLocal`).
 * - `privateInfrastructure`: a Kafka, registry and store (FerretDB and its PostgreSQL) of the
 *   harness's own, on other ports and with data under STACK_HOME/chaos-infra, so that a run disturbs
 *   nothing else on the machine (a running `npm start`, other test runs). `serviceEnv` points the
 *   services at it.
 */
export class Infrastructure {
  constructor(
    private readonly pieces: readonly Piece[],
    private readonly ctx: PieceContext,
    /** Environment the services need to reach this infrastructure. */
    readonly serviceEnv: NodeJS.ProcessEnv,
    /** The harness's own (see privateInfrastructure), which it may wipe. */
    readonly isPrivate = false,
  ) {}

  get config(): Config {
    return this.ctx.config;
  }

  isLocal(name: InfrastructurePiece): boolean {
    return !this.piece(name).isExternal(this.ctx.config);
  }

  /**
   * Starts every piece that is not running, creates the topics and registers the schemas. With
   * `fresh` (private infrastructure only), stops it and wipes its data first, so that a run does not
   * pay for what earlier runs left in the store.
   */
  async up(options: { fresh?: boolean } = {}): Promise<void> {
    if (options.fresh) {
      if (!this.isPrivate) throw new Error("only the harness's private infrastructure may be wiped");
      await this.down();
      await rm(this.ctx.paths.data, { recursive: true, force: true });
    }
    await new Platform(this.pieces, [], this.ctx).up({ services: false });
  }

  /** Stops every piece (only meaningful for private infrastructure; the stack's belongs to `saga-stack`). */
  async down(): Promise<void> {
    await new Stack(this.pieces, this.ctx).stop();
  }

  /**
   * SIGKILLs the piece's whole process group (the JVM or FerretDB, no clean shutdown) and its direct
   * children, and waits until all are gone. False when it was not running. PostgreSQL's children
   * (checkpointer, WAL writer, one backend per connection) each lead a session of their own, so the
   * group alone would be the postmaster only; killed with it, they die as in a power cut, and the
   * next start finds no old process still attached to the shared memory.
   */
  async kill(name: InfrastructurePiece): Promise<boolean> {
    const pid = await this.pidOf(name);
    if (pid === undefined || !alive(pid)) return false;
    const victims = [pid, ...childrenOf(pid)];
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      process.kill(pid, 'SIGKILL');
    }
    for (const child of victims.slice(1)) {
      try {
        process.kill(child, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }
    while (victims.some(alive)) await new Promise((r) => setTimeout(r, 100));
    return true;
  }

  /** Stops the piece the way `saga-stack stop` does (its stop signal, then SIGKILL after a grace period). */
  async stop(name: InfrastructurePiece): Promise<void> {
    await new Stack([this.piece(name)], this.ctx).stop([name]);
  }

  /** Starts the piece, and what it depends on, where not running, and waits until they answer. */
  async start(name: InfrastructurePiece): Promise<void> {
    await new Stack(this.withDependencies(name), this.ctx).up();
  }

  /** The piece and everything it needs (the store: its PostgreSQL), in start order. */
  private withDependencies(name: InfrastructurePiece): Piece[] {
    const needed = new Set<string>();
    const add = (piece: Piece) => {
      if (needed.has(piece.name)) return;
      needed.add(piece.name);
      for (const dependency of piece.dependsOn ?? []) add(this.piece(dependency as InfrastructurePiece));
    };
    add(this.piece(name));
    return this.pieces.filter((p) => needed.has(p.name));
  }

  private piece(name: InfrastructurePiece): Piece {
    const piece = this.pieces.find((p) => p.name === name);
    if (!piece) throw new Error(`the infrastructure has no piece named ${name}`);
    return piece;
  }

  private async pidOf(name: InfrastructurePiece): Promise<number | undefined> {
    try {
      const record = JSON.parse(await readFile(this.ctx.paths.pidOf(name), 'utf8')) as { pid?: unknown };
      return typeof record.pid === 'number' ? record.pid : undefined;
    } catch {
      return undefined;
    }
  }
}

function reporterOf(log: (line: string) => void): Reporter {
  return {
    info: (piece, message) => {
      log(`[${piece}] ${message}`);
    },
    progress: () => undefined,
  };
}

/** The local stack's pieces, as `saga-stack` runs them. */
export function stackInfrastructure(
  config: Config,
  log: (line: string) => void = () => undefined,
): Infrastructure {
  return new Infrastructure(
    pieces,
    { config, paths: stackPaths(config.stack.home), reporter: reporterOf(log) },
    {},
  );
}

/** A Kafka, registry, PostgreSQL and store of the harness's own (see Infrastructure). */
export function privateInfrastructure(
  base: Config,
  log: (line: string) => void = () => undefined,
): Infrastructure {
  const serviceEnv = {
    KAFKA_BROKERS: `127.0.0.1:${privatePorts.kafka}`,
    SCHEMA_REGISTRY_URL: `http://127.0.0.1:${privatePorts.registry}/apis/ccompat/v7`,
    MONGO_URL: `mongodb://127.0.0.1:${privatePorts.store}`,
  };
  const config = loadConfig({ ...process.env, ...serviceEnv });
  const shared = stackPaths(base.stack.home);
  const own = stackPaths(join(base.stack.home, 'chaos-infra'));
  // Downloads and builds are the stack's (nothing is fetched twice); data, logs and pid files are its own.
  const paths = { ...own, cache: shared.cache };
  return new Infrastructure(privatePieces(), { config, paths, reporter: reporterOf(log) }, serviceEnv, true);
}

/** The processes whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The parent pid is the second field after the command name, which is in parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // Exited meanwhile.
    }
  }
  return children;
}

/** Alive and not a zombie waiting to be reaped (its command line is empty then). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').length > 0;
  } catch {
    return false;
  }
}
