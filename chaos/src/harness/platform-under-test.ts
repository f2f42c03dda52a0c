import { join } from 'node:path';
import { serviceNames, type ServiceName } from './harness-settings.ts';
import { SupervisedService, type ServiceExit } from './supervised-service.ts';

export interface PlatformUnderTestOptions {
  /** Folder for one log file per service. */
  readonly logDir: string;
  /** SAGA_CRASH_POINTS for the Nth spawn of a service's process (`label`: its name, or `name#2`). */
  readonly crashPointsFor?: (service: ServiceName, spawn: number, label: string) => readonly string[];
  /** How many processes run a service (default 1 each): replicas in one consumer group. */
  readonly replicas?: Partial<Record<ServiceName, number>>;
  readonly onExit?: (exit: ServiceExit) => void;
  readonly env?: NodeJS.ProcessEnv;
}

/** The four services (and the replicas asked for) as supervised child processes of the harness. */
export class PlatformUnderTest {
  /** Every process, by label: the service's name, or `name#2` for its second replica. */
  readonly services: ReadonlyMap<string, SupervisedService>;

  constructor(options: PlatformUnderTestOptions) {
    const processes = serviceNames.flatMap((name) =>
      Array.from({ length: Math.max(1, options.replicas?.[name] ?? 1) }, (_, replica) => {
        const label = replica === 0 ? name : `${name}#${replica + 1}`;
        return new SupervisedService({
          name,
          replica,
          logFile: join(options.logDir, `${label.replace('#', '-')}.log`),
          ...(options.env ? { env: options.env } : {}),
          ...(options.crashPointsFor
            ? { crashPointsFor: (spawn: number) => options.crashPointsFor?.(name, spawn, label) ?? [] }
            : {}),
          ...(options.onExit ? { onExit: options.onExit } : {}),
        });
      }),
    );
    this.services = new Map(processes.map((process) => [process.label, process]));
  }

  /** A service's first process (the one at its usual port), or the process of that label. */
  service(label: string): SupervisedService {
    const service = this.services.get(label);
    if (!service) throw new Error(`no service ${label}`);
    return service;
  }

  /** Every process, replicas included. */
  processes(): SupervisedService[] {
    return [...this.services.values()];
  }

  /** Starts all four and waits until each /readyz answers 200; throws naming those that did not. */
  async start(timeoutMs = 120_000): Promise<void> {
    for (const service of this.services.values()) service.start();
    await this.waitReady(timeoutMs);
  }

  async waitReady(timeoutMs = 120_000): Promise<void> {
    const ready = await Promise.all([...this.services.values()].map((s) => s.waitReady(timeoutMs)));
    const late = [...this.services.keys()].filter((_, i) => !ready[i]);
    if (late.length > 0) {
      throw new Error(
        `${late.join(', ')} did not become ready within ${timeoutMs / 1000}s; read their logs for why`,
      );
    }
  }

  async stop(): Promise<void> {
    await Promise.all([...this.services.values()].map((s) => s.stop()));
  }
}
