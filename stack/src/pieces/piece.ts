import type { Config, VariableName } from '@saga/config';
import type { StackPaths } from '../paths.ts';
import type { Reporter } from '../reporter.ts';

export type InfrastructureName = 'kafka' | 'registry' | 'postgres' | 'store';
export type ServiceName =
  'order-service' | 'orchestrator-service' | 'inventory-service' | 'payment-service' | 'console';
export type PieceName = InfrastructureName | ServiceName;

export interface PieceContext {
  readonly config: Config;
  readonly paths: StackPaths;
  readonly reporter: Reporter;
}

/** How to start a piece once it is provisioned. */
export interface LaunchSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Part of the command line that identifies this piece's process (see PidRecord.signature). */
  readonly signature: string;
}

export interface ProbeResult {
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * One piece of infrastructure. The stack engine is generic over this interface:
 * adding a piece means writing one of these, not changing the engine.
 */
export interface Piece {
  readonly name: PieceName;
  readonly title: string;
  /** The variable that, when set, points at external infrastructure instead (infrastructure only). */
  readonly variable?: VariableName;
  /** Ports the local process binds; all must be free before it starts. */
  readonly ports: readonly number[];
  readonly readyTimeoutMs: number;
  /** Pieces that must be ready before this one starts. */
  readonly dependsOn?: readonly PieceName[];
  /**
   * The signal that stops it quickly and cleanly (SIGTERM when not given). PostgreSQL reads SIGTERM
   * as "wait until every client has disconnected", and SIGINT as "roll back and stop now".
   */
  readonly stopSignal?: NodeJS.Signals;
  address(config: Config): string;
  isExternal(config: Config): boolean;
  /** Tools this machine must have. Throws StackError('PREREQUISITE_MISSING'). */
  checkPrerequisites(ctx: PieceContext): Promise<void>;
  /** Downloads and builds into the cache, once. Idempotent and safe to interrupt. */
  provision(ctx: PieceContext): Promise<void>;
  /** Prepares the data directory and says how to start. */
  prepare(ctx: PieceContext): Promise<LaunchSpec>;
  /** Answers whether the piece serves requests: a real client call, not a port check. */
  probe(config: Config): Promise<ProbeResult>;
  /** Runs once the piece is ready, every start (e.g. applying settings through its API). Idempotent. */
  afterReady?(ctx: PieceContext): Promise<void>;
}
