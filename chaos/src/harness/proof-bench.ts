import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { loadConfig } from '@saga/config';
import { checkRun, type CheckReport } from '../checker/index.ts';
import { waitForDrain } from './drain.ts';
import type { ServiceName } from './harness-settings.ts';
import { privateInfrastructure, stackInfrastructure, type Infrastructure } from './infrastructure.ts';
import { platformApi, type OrderRequest } from './platform-api.ts';
import { PlatformUnderTest } from './platform-under-test.ts';
import { seededRandom } from './random.ts';
import { readSnapshot } from './read-snapshot.ts';
import { createScenario, type Scenario } from './scenario.ts';
import type { ServiceExit } from './supervised-service.ts';

export interface ProofBenchOptions {
  /** Names the log folder (`.stack/logs/<name>`) and, upper-cased, the run prefix of its SKUs and customers. */
  readonly name: string;
  /** SAGA_CRASH_POINTS for a service's Nth spawn. */
  readonly crashPointsFor?: (service: ServiceName, spawn: number) => readonly string[];
  readonly onExit?: (exit: ServiceExit) => void;
}

/** How the drain went and what the checker found. */
export interface Verdict {
  /** How long the drain took, or null when it did not finish in time. */
  readonly drainedInMs: number | null;
  readonly report: CheckReport;
}

/**
 * What the mocha proofs (outages, crash points) stand on: the infrastructure (private with
 * CHAOS_INFRASTRUCTURE=private, else the local stack's), the four services as supervised processes,
 * a scenario's stock and accounts seeded through the APIs, the orders accepted so far, and the
 * drain-and-check that judges them with the chaos checker.
 */
export class ProofBench {
  readonly infra: Infrastructure;
  readonly scenario: Scenario;
  readonly platform: PlatformUnderTest;
  readonly mongo: MongoClient;
  /** Ids of the orders the API accepted (202), in order. */
  readonly accepted: string[] = [];

  constructor(options: ProofBenchOptions) {
    const base = loadConfig();
    this.infra =
      process.env.CHAOS_INFRASTRUCTURE === 'private'
        ? privateInfrastructure(base, this.log)
        : stackInfrastructure(base, this.log);
    const seed = Date.now() % 1_000_000_007;
    this.scenario = createScenario(
      `${options.name.slice(0, 3).toUpperCase()}${seed.toString(36).toUpperCase()}`,
      seededRandom(seed),
    );
    this.platform = new PlatformUnderTest({
      logDir: join(base.stack.home, 'logs', options.name),
      env: this.infra.serviceEnv,
      ...(options.crashPointsFor ? { crashPointsFor: options.crashPointsFor } : {}),
      ...(options.onExit ? { onExit: options.onExit } : {}),
    });
    this.mongo = new MongoClient(this.infra.config.mongo.url, { serverSelectionTimeoutMS: 5_000 });
  }

  /** Indented under mocha's test titles. */
  readonly log = (line: string): void => {
    console.log(`      ${line}`);
  };

  /** Starts the infrastructure (a private one fresh) and the services, and seeds the scenario. */
  async setUp(): Promise<void> {
    await this.infra.up({ fresh: this.infra.isPrivate });
    await this.platform.start();
    for (const [sku, units] of Object.entries(this.scenario.stock)) {
      await expectCreated(`stock ${sku}`, platformApi.putStock(sku, units, this.scenario.prices[sku] ?? 0));
    }
    for (const [customer, balance] of Object.entries(this.scenario.balances)) {
      await expectCreated(`account ${customer}`, platformApi.putAccount(customer, balance));
    }
  }

  /** Stops the services; leaves the stack's infrastructure running, and stops a private one. */
  async tearDown(): Promise<void> {
    await this.platform.stop();
    await this.mongo.close();
    if (this.infra.isPrivate) await this.infra.down();
  }

  /** Places one order with one POST (no retry; pass the same key to retry it), remembering it if accepted. */
  async place(
    order: OrderRequest = this.scenario.nextOrder(),
    idempotencyKey = `${this.scenario.prefix}-${crypto.randomUUID()}`,
  ) {
    const result = await platformApi.placeOrder(order, idempotencyKey);
    if (result.status === 202) this.accepted.push((result.body as { orderId: string }).orderId);
    return result;
  }

  /** Waits until every accepted order ended and every outbox emptied, then judges the databases. */
  async drainAndCheck(timeoutMs = 120_000): Promise<Verdict> {
    const drainedInMs = await waitForDrain(this.mongo, this.scenario.scope(), this.accepted, {
      timeoutMs,
      onProgress: this.log,
    });
    const report = checkRun(
      this.scenario.inputs(this.accepted),
      await readSnapshot(this.mongo, this.scenario.scope()),
    );
    return { drainedInMs, report };
  }
}

async function expectCreated(what: string, answer: ReturnType<typeof platformApi.putStock>) {
  const { status, body, error } = await answer;
  if (status !== 200 && status !== 201) {
    throw new Error(`seeding ${what} answered ${status}: ${JSON.stringify(body ?? error)}`);
  }
}

/** Polls `probe` until it returns something other than undefined or false; undefined when `timeoutMs` passes first. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
  pollMs = 250,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return undefined;
}
