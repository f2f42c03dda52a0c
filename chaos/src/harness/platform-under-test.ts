import { join } from 'node:path';
import { serviceNames, type ServiceName } from './harness-settings.ts';
import { SupervisedService, type ServiceExit } from './supervised-service.ts';

export interface PlatformUnderTestOptions {
  /** Folder for one log file per service. */
  readonly logDir: string;
  /** SAGA_CRASH_POINTS for a service's Nth spawn. */
  readonly crashPointsFor?: (service: ServiceName, spawn: number) => readonly string[];
  readonly onExit?: (exit: ServiceExit) => void;
  readonly env?: NodeJS.ProcessEnv;
}

/** The four services as supervised child processes of the harness. */
export class PlatformUnderTest {
  readonly services: ReadonlyMap<ServiceName, SupervisedService>;

  constructor(options: PlatformUnderTestOptions) {
    this.services = new Map(
      serviceNames.map((name) => [
        name,
        new SupervisedService({
          name,
          logFile: join(options.logDir, `${name}.log`),
          ...(options.env ? { env: options.env } : {}),
          ...(options.crashPointsFor
            ? { crashPointsFor: (spawn: number) => options.crashPointsFor?.(name, spawn) ?? [] }
            : {}),
          ...(options.onExit ? { onExit: options.onExit } : {}),
        }),
      ]),
    );
  }

  service(name: ServiceName): SupervisedService {
    const service = this.services.get(name);
    if (!service) throw new Error(`no service ${name}`);
    return service;
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
