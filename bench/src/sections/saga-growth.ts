import { MongoClient } from 'mongodb';
import { burstSeconds, referencePace } from '../estimate/reference-pace.ts';
import { InvalidSettingError } from '../invalid-setting-error.ts';
import { Interruption } from '../interruption.ts';
import { finishedSagaStores } from '../growth/finished-saga-stores.ts';
import { readSagaTemplate } from '../growth/saga-template.ts';
import { SeedLeftBehindError } from '../growth/seed-left-behind-error.ts';
import { StoreSeed } from '../growth/store-seed.ts';
import { benchPlatform, type BenchPlatform } from '../saga/bench-platform.ts';
import { runBurst, type BurstOutcome } from '../saga/run-burst.ts';
import type { BenchContext, BenchSection, Measurement, SectionResult } from '../section.ts';
import { addCorrectness } from '../correctness/correctness.ts';

/**
 * Sizes per mode: the burst measured twice, and the finished sagas stored between the two. quick
 * seeds a history some times the size of what a quick run leaves, enough to show a scan that grows
 * with it; full seeds the 100,000.
 */
const plans = {
  quick: { burst: 100, finished: 2_000, timeoutMs: 120_000 },
  full: { burst: 2_000, finished: 100_000, timeoutMs: 600_000 },
} as const;

/** What the seeded figure should keep of the empty one: history must not slow the running sagas. */
const TARGET_RATIO = 0.8;

/**
 * Whether the platform slows down as its history grows: a burst on the store as it is, then the same
 * burst again with N finished sagas more stored, seeded as copies of one the first burst ran. The
 * archives exist so that the hot path never reads finished work; this is the figure that says whether
 * they do their job. The seeded documents are removed afterwards, also on failure or Ctrl-C.
 */
export const sagaGrowth: BenchSection = {
  name: 'saga-growth',
  title: 'Saga throughput as history grows: a burst, then again with N finished sagas stored',
  estimatedSeconds(mode) {
    const { burst } = plans[mode];
    const finished = finishedCount(mode);
    const { seededSagasPerSecond, removedSagasPerSecond } = referencePace;
    // Two bursts, the template's wait for the archives, the seeding and its removal.
    return 2 * burstSeconds(burst) + 3 + finished / seededSagasPerSecond + finished / removedSagasPerSecond;
  },
  async run(context) {
    const plan = { ...plans[context.mode], finished: finishedCount(context.mode) };
    const client = benchPlatform(context.config);
    const mongo = await MongoClient.connect(context.config.mongo.url, { maxPoolSize: 8 });
    const seed = new StoreSeed(mongo);
    const interruption = new Interruption();
    let outcome: { result: SectionResult } | { error: unknown };
    try {
      outcome = { result: await measure(context, plan, { client, mongo, seed, interruption }) };
    } catch (error) {
      outcome = { error };
    }
    context.progress(`removing the seeded documents (benchSeed: ${seed.runId}-<batch>), batch by batch`);
    let leftBehind: SeedLeftBehindError | undefined;
    try {
      await seed.remove(context.progress);
    } catch (error) {
      if (!(error instanceof SeedLeftBehindError)) throw error;
      leftBehind = error;
    }
    interruption.dispose();
    await mongo.close();
    if ('result' in outcome) {
      if (leftBehind) throw leftBehind;
      return outcome.result;
    }
    // The measurement's own failure is the one to throw; what it left behind is still worth a line.
    if (leftBehind) context.progress(leftBehind.message);
    throw outcome.error;
  },
};

async function measure(
  context: BenchContext,
  plan: { burst: number; finished: number; timeoutMs: number },
  deps: { client: BenchPlatform; mongo: MongoClient; seed: StoreSeed; interruption: Interruption },
): Promise<SectionResult> {
  const { progress } = context;
  const { client, mongo, seed, interruption } = deps;
  const burst = (label: string) =>
    interruption.race(
      runBurst(client, plan.burst, {
        timeoutMs: plan.timeoutMs,
        progress: (message) => {
          progress(`${label}: ${message}`);
        },
      }),
    );
  const { db, collection } = finishedSagaStores.sagas;
  const storedBefore = await interruption.race(mongo.db(db).collection(collection).estimatedDocumentCount());

  const empty = await burst(`store as it is (${storedBefore.toLocaleString('en')} finished sagas)`);
  const confirmed = empty.orders.filter((order) => order.status === 'CONFIRMED');
  progress('reading one finished saga of the burst from the archives, to copy');
  const template = await interruption.race(
    readSagaTemplate(
      mongo,
      confirmed.map((order) => order.orderId),
      { timeoutMs: 30_000 },
    ),
  );
  progress(
    `seeding ${plan.finished.toLocaleString('en')} finished sagas (benchSeed: ${seed.runId}-<batch>; if the run is killed, npm run -w @saga/bench seed:remove -- ${seed.runId})`,
  );
  await interruption.race(seed.plant(template, plan.finished, progress));
  const grown = await burst(`with ${plan.finished.toLocaleString('en')} more finished sagas`);

  const ratio = grown.figures.sagasPerSecond / Math.max(Number.EPSILON, empty.figures.sagasPerSecond);
  const withN = `with ${plan.finished.toLocaleString('en')} finished sagas stored`;
  const rows: Measurement[] = [
    sagasPerSecond(`burst of ${plan.burst}, store as it is: sagas/s`, empty, { storedBefore }),
    sagasPerSecond(`burst of ${plan.burst}, ${withN}: sagas/s`, grown, {}),
    {
      name: `${withN} / as it is`,
      value: Math.round(ratio * 100) / 100,
      unit: '×',
      detail: { target: TARGET_RATIO, met: ratio >= TARGET_RATIO },
    },
    { name: 'store as it is: latency p50', value: empty.figures.latencyMs.p50, unit: 'ms' },
    { name: `${withN}: latency p50`, value: grown.figures.latencyMs.p50, unit: 'ms' },
  ];
  return {
    section: sagaGrowth.name,
    rows,
    correctness: addCorrectness(empty.correctness, grown.correctness),
  };
}

function sagasPerSecond(name: string, burst: BurstOutcome, extra: Record<string, unknown>): Measurement {
  const { figures, timedOut } = burst;
  return {
    name,
    value: figures.sagasPerSecond,
    unit: 'sagas/s',
    detail: {
      ...extra,
      confirmed: figures.confirmed,
      cancelled: figures.cancelled,
      pending: figures.pending,
      timedOut,
    },
  };
}

/** How many finished sagas to seed: BENCH_GROWTH, or the mode's. */
function finishedCount(mode: BenchContext['mode']): number {
  const set = process.env.BENCH_GROWTH;
  if (set === undefined) return plans[mode].finished;
  const count = Number(set);
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new InvalidSettingError('BENCH_GROWTH', set, 'a whole number of finished sagas, 1 or more');
  }
  return count;
}
