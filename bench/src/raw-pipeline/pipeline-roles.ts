import type { KafkaConnectionOptions } from '@saga/events';
import type { RelaySettings } from '@saga/events/raw-baseline';
import { firstTopic, roles, type Role } from './hops.ts';
import type { RawNamespace } from './raw-namespace.ts';
import type { BurstResult, RateResult } from './role-protocol.ts';
import { RoleProcess } from './role-process.ts';

export interface PipelineRolesOptions {
  readonly namespace: RawNamespace;
  readonly kafka: KafkaConnectionOptions;
  readonly logLevel: string;
}

/**
 * The four roles of the raw pipeline, each in a process of its own like the four services, each with
 * its own consumer group. `start` spawns them; `stop` ends every one that was spawned, whatever
 * happened in between.
 */
export class PipelineRoles {
  private readonly processes = new Map<Role, RoleProcess>();
  private phases = 0;

  constructor(private readonly options: PipelineRolesOptions) {}

  async start(): Promise<void> {
    const { namespace, kafka, logLevel } = this.options;
    for (const role of roles) this.processes.set(role, new RoleProcess(role));
    await this.unlessOneDies(
      Promise.all(
        [...this.processes].map(([role, process]) =>
          process.request({
            kind: 'init',
            role,
            kafka,
            logLevel,
            groupId: namespace.groupId(role),
            routes: namespace.routesOf(role),
            ...(role === 'order' ? { firstTopic: namespace.physical(firstTopic) } : {}),
          }),
        ),
      ),
    );
  }

  /** Every role (re)joins its group with `settings`. */
  async consume(settings: RelaySettings): Promise<void> {
    await this.unlessOneDies(
      Promise.all([...this.processes.values()].map((p) => p.request({ kind: 'consume', settings }))),
    );
  }

  burst(count: number): Promise<BurstResult> {
    return this.unlessOneDies(
      this.order().request<BurstResult>({ kind: 'burst', count, idPrefix: this.phaseId() }),
    );
  }

  rate(perSecond: number, seconds: number): Promise<RateResult> {
    return this.unlessOneDies(
      this.order().request<RateResult>({ kind: 'rate', perSecond, seconds, idPrefix: this.phaseId() }),
    );
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.values()].map((p) => p.stop()));
    this.processes.clear();
  }

  /** `work`, or the RoleExitedError of the first role to die before it is done. */
  private unlessOneDies<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, ...[...this.processes.values()].map((p) => p.failure)]);
  }

  private order(): RoleProcess {
    const order = this.processes.get('order');
    if (!order) throw new Error('the roles are not started');
    return order;
  }

  /** Each phase's order ids are its own, so a late message of an earlier phase is never counted. */
  private phaseId(): string {
    this.phases += 1;
    return `p${this.phases}`;
  }
}
