import { runBootstrap, type BootstrapTask, bootstrapTasks } from './bootstrap.ts';
import type { Piece, PieceContext, PieceName } from './pieces/piece.ts';
import { Stack, type PieceStatus } from './stack.ts';
import { StackError } from './stack-error.ts';

/**
 * The whole local system in three phases: infrastructure, then the bootstrap that readies it
 * (topics, schemas), then the services, which verify their schemas at start-up.
 */
export class Platform {
  private readonly infrastructure: Stack;
  private readonly services: Stack;

  constructor(
    infrastructure: readonly Piece[],
    services: readonly Piece[],
    private readonly ctx: PieceContext,
    private readonly bootstrap: readonly BootstrapTask[] = bootstrapTasks,
  ) {
    this.infrastructure = new Stack(infrastructure, ctx);
    this.services = new Stack(services, ctx);
  }

  /**
   * Brings everything up (or only the infrastructure and its bootstrap); returns what this call
   * started. On failure, stops that again.
   */
  async up(options: { services?: boolean } = {}): Promise<PieceName[]> {
    const started = await this.infrastructure.up();
    try {
      await runBootstrap(this.ctx, this.bootstrap);
      if (options.services ?? true) started.push(...(await this.services.up()));
      return started;
    } catch (error) {
      if (started.length > 0) await this.stop(started);
      throw error;
    }
  }

  /** Stops services first, then the infrastructure they use. */
  async stop(names?: readonly PieceName[]): Promise<void> {
    await this.services.stop(names);
    await this.infrastructure.stop(names);
  }

  /**
   * Infrastructure-only runs (the package-level integration tests) start service instances of
   * their own; the real services would answer the same commands, so they must not be running.
   */
  async refuseRunningServices(): Promise<void> {
    const running = (await this.services.status()).filter((s) => s.running).map((s) => s.piece.name);
    if (running.length > 0) {
      throw new StackError(
        'USAGE',
        `the services ${running.join(', ')} are running, and would answer the tests' own commands`,
        'stop them first with `npm run stop` (the tests start what they need)',
      );
    }
  }

  async status(): Promise<PieceStatus[]> {
    return [...(await this.infrastructure.status()), ...(await this.services.status())];
  }

  async reset(): Promise<void> {
    await this.services.stop();
    await this.infrastructure.reset();
  }
}
