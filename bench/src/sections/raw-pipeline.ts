import { createKafkaCluster, kafkaClientOptions } from '@saga/events';
import { batchedCandidates, perMessageSettings, type RelaySettings } from '@saga/events/raw-baseline';
import { Interruption } from '../interruption.ts';
import { hops } from '../raw-pipeline/hops.ts';
import { LeftBehindError } from '../raw-pipeline/left-behind-error.ts';
import { PipelineRoles } from '../raw-pipeline/pipeline-roles.ts';
import { RawNamespace } from '../raw-pipeline/raw-namespace.ts';
import { rawPipelinePlans, rawPipelineSeconds } from '../raw-pipeline/raw-pipeline-plan.ts';
import type { BenchContext, BenchSection, Measurement, SectionResult } from '../section.ts';
import { percentiles } from '../stats/percentiles.ts';

/**
 * The physical limit under the saga: the same eight hops between the same four roles, each a process
 * with its own consumer group, in plain kafkajs with small JSON values and nothing else (no registry,
 * no store, no outbox): the client's own baseline, `@saga/events/raw-baseline`, which lives next to
 * the seam that wraps the client. What the saga reaches is read against the batched burst figure here.
 */
export const rawPipelineSection: BenchSection = {
  name: 'raw-pipeline',
  title: 'Raw pipeline: the order saga’s 8 hops in plain kafkajs, 4 processes, no registry, no store',
  estimatedSeconds: (mode) => rawPipelineSeconds(rawPipelinePlans[mode]),
  async run(context) {
    const kafkaOptions = kafkaClientOptions(context.config);
    const kafka = createKafkaCluster({ clientId: 'bench-raw', connection: kafkaOptions, retries: 3 });
    const namespace = new RawNamespace(kafka);
    const roles = new PipelineRoles({ namespace, kafka: kafkaOptions, logLevel: context.config.logLevel });
    const interruption = new Interruption();
    let outcome: { result: SectionResult } | { error: unknown };
    try {
      context.progress(`creating topics ${namespace.prefix}*`);
      await interruption.race(namespace.create());
      context.progress('starting the 4 role processes');
      await interruption.race(roles.start());
      outcome = { result: await measure(context, roles, interruption) };
    } catch (error) {
      outcome = { error };
    }
    // Roles first: a group can only be deleted once its member has left.
    context.progress('stopping the roles, deleting the topics and groups');
    const leftovers: unknown[] = [];
    await roles.stop().catch((error: unknown) => leftovers.push(error));
    await namespace.remove().catch((error: unknown) => leftovers.push(error));
    interruption.dispose();
    const leftBehind = leftovers.map((cause) => new LeftBehindError(namespace.prefix, { cause }));
    if ('result' in outcome) {
      const [first] = leftBehind;
      if (first) throw first;
      return outcome.result;
    }
    // The measurement's own failure is the one to throw; what it left behind is still worth a line.
    for (const error of leftBehind) context.progress(error.message);
    throw outcome.error;
  },
};

async function measure(
  context: BenchContext,
  roles: PipelineRoles,
  interruption: Interruption,
): Promise<SectionResult> {
  const plan = rawPipelinePlans[context.mode];
  const rows: Measurement[] = [];
  const latencySeries: Record<string, number>[] = [];
  const settingsSeries: Record<string, number>[] = [];

  const join = async (settings: RelaySettings) => {
    await interruption.race(roles.consume(settings));
    await interruption.race(roles.burst(plan.warmup));
  };

  context.progress('per message: joining and warming up');
  await join(perMessageSettings);
  context.progress(`per message: burst of ${plan.burst}`);
  const perMessage = await interruption.race(roles.burst(plan.burst));
  rows.push(
    throughputRow(`raw pipeline, per message: burst ${plan.burst}`, perMessage, {
      settings: perMessageSettings,
    }),
  );

  for (const [index, perSecond] of plan.rates.entries()) {
    context.progress(`per message: ${perSecond} pipelines/s for ${plan.rateSeconds} s`);
    const { latenciesMs } = await interruption.race(roles.rate(perSecond, plan.rateSeconds));
    const p = percentiles(latenciesMs);
    latencySeries.push({ offeredPerSecond: perSecond, p50: p.p50, p95: p.p95, p99: p.p99, max: p.max });
    if (index > 0) continue;
    const detail = {
      offeredPerSecond: perSecond,
      seconds: plan.rateSeconds,
      pipelines: p.count,
      min: round(p.min),
      max: round(p.max),
      settings: perMessageSettings,
    };
    for (const rank of ['p50', 'p95', 'p99'] as const) {
      rows.push({
        name: `raw pipeline, per message: latency ${rank} at ${perSecond}/s`,
        value: round(p[rank]),
        unit: 'ms',
        detail,
      });
    }
  }

  const tried: { settings: RelaySettings; median: number; pipelinesPerSecond: number[] }[] = [];
  for (const settings of batchedCandidates.slice(0, plan.candidates)) {
    context.progress(`batched: joining with ${describe(settings)}`);
    await join(settings);
    const runs: number[] = [];
    for (let repeat = 0; repeat < plan.repeats; repeat++) {
      context.progress(`batched, ${describe(settings)}: burst of ${plan.burst}`);
      const burst = await interruption.race(roles.burst(plan.burst));
      runs.push(round(burst.count / (burst.elapsedMs / 1000)));
    }
    const median = percentiles(runs).p50;
    tried.push({ settings, median, pipelinesPerSecond: runs });
    settingsSeries.push({
      partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently,
      lingerMs: settings.lingerMs,
      commitIntervalMs: settings.commitIntervalMs ?? 0,
      pipelinesPerSecond: median,
    });
  }
  const best = tried.reduce((a, b) => (b.median > a.median ? b : a));
  rows.push({
    name: `raw pipeline, batched: burst ${plan.burst}`,
    value: best.median,
    unit: 'pipelines/s',
    detail: {
      pipelines: plan.burst,
      hops: hops.length,
      messagesPerSecond: round(best.median * hops.length),
      figure: `median of ${plan.repeats} bursts, best settings of ${tried.length} by that median`,
      settings: best.settings,
      producer: 'acks=all, not idempotent, default partitioner; kafkajs has no linger.ms (lingerMs is ours)',
      tried,
    },
  });

  return {
    section: rawPipelineSection.name,
    rows,
    series: { perMessageLatencyByOfferedRate: latencySeries, batchedBurstBySettings: settingsSeries },
  };
}

function throughputRow(
  name: string,
  burst: { count: number; elapsedMs: number },
  detail: Record<string, unknown>,
): Measurement {
  const perSecond = burst.count / (burst.elapsedMs / 1000);
  return {
    name,
    value: round(perSecond),
    unit: 'pipelines/s',
    detail: {
      pipelines: burst.count,
      elapsedMs: round(burst.elapsedMs),
      hops: hops.length,
      messagesPerSecond: round(perSecond * hops.length),
      ...detail,
    },
  };
}

function describe(settings: RelaySettings): string {
  const commits = settings.commitIntervalMs === null ? 'each batch' : `every ${settings.commitIntervalMs} ms`;
  return `${settings.partitionsConsumedConcurrently} partitions at once, linger ${settings.lingerMs} ms, commit ${commits}`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
