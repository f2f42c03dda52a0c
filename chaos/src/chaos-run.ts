import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import type { Config } from '@saga/config';
import { checkRun, formatReport, type CheckReport } from './checker/index.ts';
import { serviceNames, type ServiceName } from './harness/harness-settings.ts';
import {
  infrastructurePieces,
  privateInfrastructure,
  stackInfrastructure,
  type InfrastructurePiece,
} from './harness/infrastructure.ts';
import { placeOrder, type Placement } from './harness/order-driver.ts';
import { platformApi } from './harness/platform-api.ts';
import { PlatformUnderTest } from './harness/platform-under-test.ts';
import { seededRandom } from './harness/random.ts';
import { waitForDrain } from './harness/drain.ts';
import { readSnapshot } from './harness/read-snapshot.ts';
import { driveReturns, type ReturnPlacement } from './harness/return-driver.ts';
import { drawReturnPlan, type ReturnPlan } from './harness/return-plan.ts';
import { createScenario } from './harness/scenario.ts';
import type { ServiceExit } from './harness/supervised-service.ts';

export interface ChaosRunOptions {
  readonly orders: number;
  /** How long orders keep arriving and chaos goes on. */
  readonly durationMs: number;
  readonly seed: number;
  readonly drainTimeoutMs: number;
  /** Kafka, store (FerretDB) and PostgreSQL kills at most (each), over the run. */
  readonly maxInfrastructureKills: number;
  readonly config: Config;
  /**
   * `stack`: the local stack's Kafka, registry, PostgreSQL and store (as `saga-stack with --infra` started them);
   * `private`: the harness's own, on other ports, started and stopped by the run.
   */
  readonly infrastructure: 'stack' | 'private';
  readonly log: (line: string) => void;
  /**
   * Orchestrator processes in one consumer group (default 2): the first process the run SIGKILLs is
   * one of them, while the other goes on, so the run proves a replica's sagas survive its death.
   */
  readonly orchestratorReplicas?: number;
}

export interface ChaosRunResult {
  readonly prefix: string;
  readonly seed: number;
  readonly orders: { sent: number; accepted: number; notAccepted: number; rejected: number };
  /** Returns asked for (per plan kind, the orders that drew one), and what the API answered. */
  readonly returns: {
    plans: Record<string, number>;
    sent: number;
    accepted: number;
    notAccepted: number;
    rejected: number;
  };
  readonly kills: Record<string, number>;
  readonly crashPoints: Record<string, number>;
  readonly outages: Record<InfrastructurePiece, { count: number; downMs: number }>;
  readonly drainMs: number | null;
  readonly report: CheckReport;
  readonly passed: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One point per spawn, so that a death can be put down to it. A point of this service that has not
 * fired yet is armed first, to fire within a few reaches: every named point is then exercised in a
 * run that restarts its service, not only when the dice allow.
 */
function crashPointChoices(
  service: ServiceName,
  random: ReturnType<typeof seededRandom>,
  fired: Readonly<Record<string, number>>,
): string[] {
  const points = ['after-store-write-before-commit', 'after-publish-before-outbox-removal'];
  if (service === 'inventory-service') points.push('mid-reservation');
  const unfired = points.filter((p) => !fired[p]);
  if (unfired.length > 0) return [`${random.pick(unfired)}:${random.int(2, 5)}`];
  const point = random.pick(points);
  return [random.chance(0.5) ? `${point}:${random.int(2, 30)}` : `${point}@0.03`];
}

/**
 * The chaos run: starts the four services as supervised processes, seeds stock and accounts, places
 * `orders` orders over `durationMs` while it kills services, arms crash points and kills Kafka, the
 * store's FerretDB and its PostgreSQL, and asks returns of the orders that drew a return plan once
 * they ended (until the drain begins); then lets everything recover, waits for the drain (every order
 * and return ended, every outbox empty) and judges the databases with the checker.
 */
export async function runChaos(options: ChaosRunOptions): Promise<ChaosRunResult> {
  const { config, log } = options;
  const random = seededRandom(options.seed);
  const prefix = `CH${options.seed.toString(36).toUpperCase()}`;
  const scenario = createScenario(prefix, random);
  // The returns' own draws, so that adding them left the orders and the chaos schedule of a seed as they were.
  const returnRandom = seededRandom(options.seed + 1);
  const logDir = join(config.stack.home, 'logs', 'chaos');
  const makeInfra = options.infrastructure === 'private' ? privateInfrastructure : stackInfrastructure;
  const infra = makeInfra(config, (line) => {
    log(`  ${line}`);
  });
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s`;
  const say = (line: string) => {
    log(`[chaos ${elapsed()}] ${line}`);
  };

  let armed = false;
  const armedNow = new Map<string, readonly string[]>();
  const replicas: Partial<Record<ServiceName, number>> = {
    'orchestrator-service': options.orchestratorReplicas ?? 2,
  };
  const labels = serviceNames.flatMap((name) =>
    Array.from({ length: replicas[name] ?? 1 }, (_, r) => (r === 0 ? name : `${name}#${r + 1}`)),
  );
  const kills: Record<string, number> = {
    ...Object.fromEntries(labels.map((label) => [label, 0])),
    kafka: 0,
    store: 0,
    postgres: 0,
  };
  const crashPoints: Record<string, number> = {};
  const outages: ChaosRunResult['outages'] = {
    kafka: { count: 0, downMs: 0 },
    store: { count: 0, downMs: 0 },
    postgres: { count: 0, downMs: 0 },
    registry: { count: 0, downMs: 0 },
  };
  const onExit = (exit: ServiceExit) => {
    if (exit.signal === 'SIGKILL' && !exit.killedByHarness && exit.crashPoints.length > 0) {
      const point = (exit.crashPoints[0] ?? '').replace(/[:@].*$/, '');
      crashPoints[point] = (crashPoints[point] ?? 0) + 1;
      say(
        `${exit.label} died at crash point ${exit.crashPoints.join(',')} after ${Math.round(exit.uptimeMs / 1000)}s; restarting`,
      );
    } else if (!exit.killedByHarness && !exit.stopped) {
      say(`${exit.label} exited (code ${exit.code}, signal ${exit.signal}); restarting`);
    }
  };
  const platform = new PlatformUnderTest({
    logDir,
    onExit,
    env: infra.serviceEnv,
    replicas,
    crashPointsFor: (service, spawn, label) => {
      const points =
        armed && spawn > 1 && random.chance(0.6) ? crashPointChoices(service, random, crashPoints) : [];
      armedNow.set(label, points);
      return points;
    },
  });

  const mongo = new MongoClient(infra.config.mongo.url, { serverSelectionTimeoutMS: 5_000 });
  try {
    say(
      `run ${prefix}, seed ${options.seed}: ${options.orders} orders over ${options.durationMs / 1000}s; logs in ${logDir}`,
    );
    for (const piece of infrastructurePieces) {
      if (!infra.isLocal(piece)) say(`${piece} is external: it will not be killed`);
    }
    await infra.up({ fresh: infra.isPrivate });
    say(`infrastructure (${options.infrastructure}) ready`);
    await platform.start();
    say(`services ready: ${labels.join(', ')}`);

    for (const [sku, units] of Object.entries(scenario.stock))
      await retryPut(() => platformApi.putStock(sku, units, scenario.prices[sku] ?? 0));
    for (const [customer, balance] of Object.entries(scenario.balances))
      await retryPut(() => platformApi.putAccount(customer, balance));
    say(
      `seeded ${Object.keys(scenario.stock).length} SKUs and ${Object.keys(scenario.balances).length} accounts`,
    );

    // Orders arrive evenly over the duration, each placed (and retried) on its own.
    armed = true;
    const chaosUntil = Date.now() + options.durationMs;
    const placements: Placement[] = [];
    const placing: Promise<void>[] = [];
    // Returns of the orders that drew a plan, asked once the order ended, whenever that is: during
    // the chaos, or after it, as the orders it slowed end in the drain (most do: while Kafka is away
    // nothing ends). Given up on once the drain's time is up.
    let returnsDeadline = Number.POSITIVE_INFINITY;
    const plans: Record<string, number> = {};
    const returnPlacements: ReturnPlacement[] = [];
    const returning: Promise<void>[] = [];
    const askReturns = (orderId: string, customerId: string, plan: ReturnPlan) => {
      plans[plan.kind] = (plans[plan.kind] ?? 0) + 1;
      returning.push(
        driveReturns({ orderId, customerId }, plan, {
          stopped: () => Date.now() > returnsDeadline,
          giveUpAfterMs: 60_000,
        }).then((answered) => {
          returnPlacements.push(...answered);
        }),
      );
    };
    const interval = options.durationMs / options.orders;
    const driver = (async () => {
      for (let i = 0; i < options.orders; i++) {
        const order = scenario.nextOrder();
        const plan = drawReturnPlan(order, returnRandom);
        placing.push(
          placeOrder(order, { giveUpAfterMs: 90_000 }).then((p) => {
            placements.push(p);
            if (p.orderId && plan.kind !== 'none') askReturns(p.orderId, order.customerId, plan);
          }),
        );
        await sleep(interval);
      }
    })();

    const progress = setInterval(() => {
      const accepted = placements.filter((p) => p.orderId).length;
      const killed = Object.entries(kills)
        .map(([k, n]) => `${k.replace('-service', '')} ${n}`)
        .join(', ');
      const points = Object.values(crashPoints).reduce((a, b) => a + b, 0);
      const returnsAccepted = returnPlacements.filter((p) => p.returnId).length;
      say(
        `orders sent ${placing.length}/${options.orders}, accepted ${accepted}, answered ${placements.length}; returns accepted ${returnsAccepted}; kills: ${killed}; crash points fired ${points}`,
      );
    }, 10_000);

    const infraKills: Record<'kafka' | 'store' | 'postgres', number> = { kafka: 0, store: 0, postgres: 0 };
    while (Date.now() < chaosUntil - 5_000) {
      await sleep(random.int(5_000, 12_000));
      if (Date.now() >= chaosUntil) break;
      const roll = random.next();
      // The store is two processes: FerretDB (the wire protocol) and the PostgreSQL under it.
      const piece = roll < 0.18 ? 'kafka' : roll < 0.28 ? 'store' : roll < 0.38 ? 'postgres' : undefined;
      if (piece && infra.isLocal(piece) && infraKills[piece] < options.maxInfrastructureKills) {
        infraKills[piece]++;
        const downFor = piece === 'kafka' ? random.int(3_000, 10_000) : random.int(1_000, 5_000);
        say(`SIGKILL ${piece}; down for ${downFor / 1000}s`);
        const down = Date.now();
        if (await infra.kill(piece)) {
          kills[piece] = (kills[piece] ?? 0) + 1;
          await sleep(downFor);
          await infra.start(piece);
          outages[piece].count++;
          outages[piece].downMs += Date.now() - down;
          say(`${piece} back after ${((Date.now() - down) / 1000).toFixed(1)}s`);
        }
      } else {
        const orchestrators = platform.processes().filter((p) => p.name === 'orchestrator-service');
        const firstKill = Object.entries(kills).every(([label, n]) => n === 0 || !labels.includes(label));
        const victim = random.pick(
          firstKill && orchestrators.length > 1 ? orchestrators : platform.processes(),
        );
        if (await victim.kill()) {
          kills[victim.label] = (kills[victim.label] ?? 0) + 1;
          say(`SIGKILL ${victim.label}`);
        }
      }
    }
    await driver;
    await Promise.all(placing);
    clearInterval(progress);

    // Recovery: no more chaos; the infrastructure up; every armed service restarted unarmed.
    armed = false;
    for (const piece of infrastructurePieces) if (infra.isLocal(piece)) await infra.start(piece);
    for (const [name, points] of armedNow) {
      if (points.length > 0 && platform.service(name).running) {
        await platform.service(name).kill();
        say(`restarting ${name} without its crash point ${points.join(',')}`);
      }
    }
    await platform.waitReady();
    say('chaos over; everything up; draining');

    // The drain: the returns asked as their orders end, then every order and return ended.
    const drainStarted = Date.now();
    returnsDeadline = drainStarted + options.drainTimeoutMs;
    await Promise.all(returning);
    say(`every return plan carried out after ${((Date.now() - drainStarted) / 1000).toFixed(1)}s`);
    const accepted = placements.flatMap((p) => (p.orderId ? [p.orderId] : []));
    const drained = await waitForDrain(mongo, scenario.scope(), accepted, {
      timeoutMs: Math.max(0, returnsDeadline - Date.now()),
      onProgress: say,
    });
    const drainMs = drained === null ? null : Date.now() - drainStarted;
    say(
      drainMs === null
        ? `NOT drained after ${options.drainTimeoutMs / 1000}s`
        : `drained in ${(drainMs / 1000).toFixed(1)}s`,
    );

    const acceptedReturns = returnPlacements.flatMap((p) =>
      p.returnId ? [{ orderId: p.orderId, returnId: p.returnId }] : [],
    );
    const report = checkRun(
      scenario.inputs(accepted, acceptedReturns),
      await readSnapshot(mongo, scenario.scope()),
    );
    const notAccepted = placements.filter((p) => !p.orderId && !p.rejected);
    const rejected = placements.filter((p) => p.rejected);
    for (const p of rejected)
      say(`order refused with ${p.rejected?.status}: ${JSON.stringify(p.rejected?.body)}`);
    const returnsRejected = returnPlacements.filter((p) => p.rejected);
    for (const p of returnsRejected)
      say(`return of ${p.orderId} refused with ${p.rejected?.status}: ${JSON.stringify(p.rejected?.body)}`);
    const result: ChaosRunResult = {
      prefix,
      seed: options.seed,
      orders: {
        sent: placements.length,
        accepted: accepted.length,
        notAccepted: notAccepted.length,
        rejected: rejected.length,
      },
      returns: {
        plans,
        sent: returnPlacements.length,
        accepted: acceptedReturns.length,
        notAccepted: returnPlacements.filter((p) => !p.returnId && !p.rejected).length,
        rejected: returnsRejected.length,
      },
      kills,
      crashPoints,
      outages,
      drainMs,
      report,
      passed: report.ok && drainMs !== null && rejected.length === 0 && returnsRejected.length === 0,
    };
    await mkdir(logDir, { recursive: true });
    await writeFile(join(logDir, `summary-${prefix}.json`), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    armed = false;
    await platform.stop();
    await mongo.close();
    if (options.infrastructure === 'private') await infra.down();
  }
}

/** Set-up PUTs, retried while a service is still settling (a 5xx or no answer). */
async function retryPut(
  put: () => Promise<{ status: number; body: unknown; error?: string }>,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const result = await put();
    if (result.status === 200 || result.status === 201) return;
    if ((result.status >= 400 && result.status < 500) || attempt >= 20) {
      throw new Error(
        `set-up request failed with ${result.status}: ${JSON.stringify(result.body ?? result.error)}`,
      );
    }
    await sleep(500);
  }
}

/** The summary printed at the end of a run. */
export function formatChaosResult(result: ChaosRunResult): string[] {
  const kills = Object.entries(result.kills)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const points =
    Object.entries(result.crashPoints)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none fired';
  const plans =
    Object.entries(result.returns.plans)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'none';
  const outages = (['kafka', 'store', 'postgres', 'registry'] as const)
    .map((p) => `${p} ${result.outages[p].count} (${(result.outages[p].downMs / 1000).toFixed(1)}s down)`)
    .join(', ');
  return [
    '',
    `==== chaos run ${result.prefix} (seed ${result.seed}) ====`,
    `orders: ${result.orders.sent} sent, ${result.orders.accepted} accepted (202), ${result.orders.notAccepted} never accepted (client gave up), ${result.orders.rejected} refused (4xx)`,
    `returns: ${result.returns.sent} sent, ${result.returns.accepted} accepted (202), ${result.returns.notAccepted} never accepted (client gave up), ${result.returns.rejected} refused (4xx); plans drawn: ${plans}`,
    `kills (SIGKILL by the harness): ${kills}`,
    `crash points fired: ${points}`,
    `outages: ${outages}`,
    `time to drain: ${result.drainMs === null ? 'DID NOT DRAIN' : `${(result.drainMs / 1000).toFixed(1)}s`}`,
    ...formatReport(result.report),
    `RESULT: ${result.passed ? 'PASS' : 'FAIL'}`,
  ];
}
