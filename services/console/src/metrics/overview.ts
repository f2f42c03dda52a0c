import { platformServices, type PlatformService } from '../service-urls.ts';
import { histogramQuantile } from './histogram-quantile.ts';
import type { MetricWindow, Scrape } from './metric-window.ts';
import type { Overview, SagaPoint, ServiceOverview } from './overview-shape.ts';
import { bucketIncrease, buckets, byLabel, has, increase, total } from './sample-math.ts';

const iso = (at: number) => new Date(at).toISOString();
const perMinute = (amount: number, ms: number) => (ms > 0 ? (amount * 60_000) / ms : 0);
const orNull = (n: number | undefined) => (n === undefined || !Number.isFinite(n) ? null : n);

/**
 * The overview from the window's scrapes: saga throughput, latency percentiles and outcomes (from
 * the orchestrator's saga_* metrics: the other services define them too, at zero), and each service's consumer lag,
 * throughput, outbox and dead letters. Rates and percentiles come from how counters and histogram
 * buckets grew between scrapes, so a restarted service (counters back at zero) does not show as a dip.
 */
export function computeOverview(window: MetricWindow, options: { readonly stepMs: number }): Overview {
  // Every service's registry defines the saga_* metrics, but only the orchestrator runs sagas.
  const sagas = window.scrapes('orchestrator');
  const first = sagas[0];
  const last = sagas.at(-1);
  const spanMs = first && last ? last.at - first.at : 0;
  const finishedByOutcome: Record<string, number> = {};
  if (first && last) {
    const before = byLabel(first.samples, 'saga_finished_total', 'outcome');
    for (const [outcome, count] of Object.entries(byLabel(last.samples, 'saga_finished_total', 'outcome'))) {
      finishedByOutcome[outcome] = increase(before[outcome] ?? 0, count);
    }
  }
  const started =
    first && last
      ? increase(total(first.samples, 'saga_started_total'), total(last.samples, 'saga_started_total'))
      : 0;
  const finished = Object.values(finishedByOutcome).reduce((a, b) => a + b, 0);
  const observed =
    first && last
      ? bucketIncrease(
          buckets(first.samples, 'saga_duration_seconds'),
          buckets(last.samples, 'saga_duration_seconds'),
        )
      : [];
  return {
    window: {
      from: first ? iso(first.at) : null,
      to: last ? iso(last.at) : null,
      seconds: Math.round(spanMs / 1000),
    },
    sagas: {
      started,
      finishedByOutcome,
      startedPerMinute: spanMs > 0 ? perMinute(started, spanMs) : null,
      finishedPerMinute: spanMs > 0 ? perMinute(finished, spanMs) : null,
      p50Seconds: orNull(histogramQuantile(0.5, observed)),
      p99Seconds: orNull(histogramQuantile(0.99, observed)),
      inStatus: last ? byLabel(last.samples, 'sagas_in_status', 'status') : {},
      series: sagaSeries(sagas, options.stepMs),
    },
    services: platformServices.map((service) => serviceOverview(window, service)),
  };
}

/** A point per scrape that has one at least `stepMs` before it: the rates over that step. */
function sagaSeries(scrapes: readonly Scrape[], stepMs: number): SagaPoint[] {
  const points: SagaPoint[] = [];
  for (const current of scrapes) {
    const base = scrapes.findLast((s) => s.at <= current.at - stepMs);
    if (!base) continue;
    const ms = current.at - base.at;
    const observed = bucketIncrease(
      buckets(base.samples, 'saga_duration_seconds'),
      buckets(current.samples, 'saga_duration_seconds'),
    );
    points.push({
      at: iso(current.at),
      startedPerMinute: perMinute(
        increase(total(base.samples, 'saga_started_total'), total(current.samples, 'saga_started_total')),
        ms,
      ),
      finishedPerMinute: perMinute(
        increase(total(base.samples, 'saga_finished_total'), total(current.samples, 'saga_finished_total')),
        ms,
      ),
      p50Seconds: orNull(histogramQuantile(0.5, observed)),
      p99Seconds: orNull(histogramQuantile(0.99, observed)),
    });
  }
  return points;
}

function serviceOverview(window: MetricWindow, service: PlatformService): ServiceOverview {
  const scrapes = window.scrapes(service);
  const outcome = window.outcome(service);
  const first = scrapes[0];
  const last = scrapes.at(-1);
  const latest = last?.samples ?? [];
  const spanMs = first && last ? last.at - first.at : 0;
  const gauge = (name: string) => (has(latest, name) ? total(latest, name) : null);
  return {
    service,
    up: outcome?.ok ?? false,
    error: outcome?.error ?? (outcome ? null : 'not scraped yet'),
    scrapedAt: last ? iso(last.at) : null,
    consumerLag: gauge('kafka_consumer_lag'),
    consumerLagByTopic: byLabel(latest, 'kafka_consumer_lag', 'topic'),
    messagesPerMinute:
      first && last && spanMs > 0 && has(latest, 'messages_handled_total')
        ? perMinute(
            increase(total(first.samples, 'messages_handled_total'), total(latest, 'messages_handled_total')),
            spanMs,
          )
        : null,
    outboxPending: gauge('outbox_pending'),
    outboxOldestAgeSeconds: gauge('outbox_oldest_age_seconds'),
    deadLettersByTopic: byLabel(latest, 'dead_letters_total', 'topic'),
  };
}
