import { readFileSync } from 'node:fs';
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

export type InfrastructurePiece = 'kafka' | 'registry' | 'store';

/**
 * Kills, stops and starts the infrastructure the harness runs on, through the stack's Stack engine
 * (the same start, readiness wait and settings as `saga-stack up`) and its pid files.
 *
 * - `stackInfrastructure`: the local stack's own pieces (`saga-stack with --infra` started them);
 *   a piece given as external (KAFKA_BROKERS, ...) is not the harness's to kill (`isLocal`).
 * - `privateInfrastructure`: a Kafka, registry and store of the harness's own, on other ports and
 *   with data under STACK_HOME/chaos-infra, so that a run disturbs nothing else on the machine
 *   (a running `npm start`, other test runs). `serviceEnv` points the services at it.
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
   * SIGKILLs the piece's whole process group (the JVM or FerretDB, no clean shutdown) and waits
   * until it is gone. False when it was not running.
   */
  async kill(name: InfrastructurePiece): Promise<boolean> {
    const pid = await this.pidOf(name);
    if (pid === undefined || !alive(pid)) return false;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      process.kill(pid, 'SIGKILL');
    }
    while (alive(pid)) await new Promise((r) => setTimeout(r, 100));
    return true;
  }

  /** Stops the piece the way `saga-stack stop` does (SIGTERM, then SIGKILL after a grace period). */
  async stop(name: InfrastructurePiece): Promise<void> {
    await new Stack([this.piece(name)], this.ctx).stop([name]);
  }

  /** Starts the piece if it is not running, and waits until it answers. */
  async start(name: InfrastructurePiece): Promise<void> {
    await new Stack([this.piece(name)], this.ctx).up();
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

/** A Kafka, registry and store of the harness's own (see Infrastructure). */
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
