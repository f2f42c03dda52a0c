import { expect } from 'chai';
import { MetricWindow } from '../../src/metrics/metric-window.ts';
import { computeOverview } from '../../src/metrics/overview.ts';
import { parsePrometheusText } from '../../src/metrics/prometheus-text.ts';

/** The orchestrator's metrics at a moment: sagas started, finished by outcome, and their durations. */
function orchestratorMetrics(m: {
  started: number;
  completed: number;
  cancelled: number;
  /** Cumulative counts of the duration buckets ≤0.5 s, ≤1 s, ≤5 s, +Inf. */
  buckets: [number, number, number, number];
  needsAttention?: number;
  lag?: number;
}): string {
  const [b1, b2, b3, inf] = m.buckets;
  return [
    `saga_started_total ${m.started}`,
    `saga_finished_total{outcome="COMPLETED"} ${m.completed}`,
    `saga_finished_total{outcome="CANCELLED"} ${m.cancelled}`,
    `saga_duration_seconds_bucket{le="0.5"} ${b1}`,
    `saga_duration_seconds_bucket{le="1"} ${b2}`,
    `saga_duration_seconds_bucket{le="5"} ${b3}`,
    `saga_duration_seconds_bucket{le="+Inf"} ${inf}`,
    `sagas_in_status{status="RUNNING"} 4`,
    `sagas_in_status{status="NEEDS_ATTENTION"} ${m.needsAttention ?? 0}`,
    `kafka_consumer_lag{topic="order.created",partition="0"} ${m.lag ?? 0}`,
    `kafka_consumer_lag{topic="order.created",partition="1"} 1`,
    `kafka_consumer_lag{topic="inventory.reserved",partition="0"} 2`,
    `messages_handled_total{topic="order.created",outcome="handled"} ${m.started * 5}`,
    'outbox_pending 3',
    'outbox_oldest_age_seconds 1.5',
    'dead_letters_total{topic="order.created"} 2',
  ].join('\n');
}

describe('computeOverview', () => {
  const minute = 60_000;

  it('has nothing to say before the first scrape, and says which services are not scraped yet', () => {
    const overview = computeOverview(new MetricWindow(15 * minute), { stepMs: 30_000 });
    expect(overview.window).to.deep.equal({ from: null, to: null, seconds: 0 });
    expect(overview.sagas.startedPerMinute).to.equal(null);
    expect(overview.sagas.p99Seconds).to.equal(null);
    expect(overview.services.map((s) => [s.service, s.up, s.error])).to.deep.equal([
      ['order', false, 'not scraped yet'],
      ['orchestrator', false, 'not scraped yet'],
      ['inventory', false, 'not scraped yet'],
      ['payment', false, 'not scraped yet'],
    ]);
  });

  it('gives throughput, outcomes and p50/p99 over the window from how counters and buckets grew', () => {
    const window = new MetricWindow(15 * minute);
    const at = (ms: number, text: string) => {
      window.add('orchestrator', { at: ms, samples: parsePrometheusText(text) });
    };
    at(0, orchestratorMetrics({ started: 100, completed: 80, cancelled: 10, buckets: [50, 80, 90, 90] }));
    at(
      minute,
      orchestratorMetrics({
        started: 160,
        completed: 130,
        cancelled: 20,
        buckets: [90, 130, 150, 150],
        needsAttention: 2,
        lag: 7,
      }),
    );
    at(
      2 * minute,
      orchestratorMetrics({
        started: 220,
        completed: 180,
        cancelled: 30,
        buckets: [130, 180, 210, 210],
        needsAttention: 1,
        lag: 5,
      }),
    );
    const overview = computeOverview(window, { stepMs: minute });

    expect(overview.window.seconds).to.equal(120);
    expect(overview.sagas.started).to.equal(120);
    expect(overview.sagas.startedPerMinute).to.equal(60);
    expect(overview.sagas.finishedByOutcome).to.deep.equal({ COMPLETED: 100, CANCELLED: 20 });
    expect(overview.sagas.finishedPerMinute).to.equal(60);
    // 120 finished in the window: 80 took ≤0.5 s, 20 more ≤1 s, 20 more ≤5 s.
    expect(overview.sagas.p50Seconds).to.be.closeTo(0.375, 1e-9);
    expect(overview.sagas.p99Seconds).to.be.closeTo(1 + (4 * (118.8 - 100)) / 20, 1e-9);
    expect(overview.sagas.inStatus).to.deep.equal({ RUNNING: 4, NEEDS_ATTENTION: 1 });
    expect(overview.sagas.series.map((p) => [p.startedPerMinute, p.finishedPerMinute])).to.deep.equal([
      [60, 60],
      [60, 60],
    ]);

    const orchestrator = overview.services.find((s) => s.service === 'orchestrator');
    expect(orchestrator).to.deep.include({
      up: true,
      error: null,
      consumerLag: 8,
      consumerLagByTopic: { 'order.created': 6, 'inventory.reserved': 2 },
      messagesPerMinute: 300,
      outboxPending: 3,
      outboxOldestAgeSeconds: 1.5,
      deadLettersByTopic: { 'order.created': 2 },
    });
  });

  it('reads the sagas from the orchestrator, though every service defines the saga metrics (at zero)', () => {
    const window = new MetricWindow(15 * minute);
    const idle = orchestratorMetrics({ started: 0, completed: 0, cancelled: 0, buckets: [0, 0, 0, 0] });
    window.add('order', { at: 0, samples: parsePrometheusText(idle) });
    window.add('order', { at: minute, samples: parsePrometheusText(idle) });
    window.add('orchestrator', {
      at: 0,
      samples: parsePrometheusText(
        orchestratorMetrics({ started: 1, completed: 0, cancelled: 0, buckets: [0, 0, 0, 0] }),
      ),
    });
    window.add('orchestrator', {
      at: minute,
      samples: parsePrometheusText(
        orchestratorMetrics({
          started: 4,
          completed: 2,
          cancelled: 0,
          buckets: [2, 2, 2, 2],
          needsAttention: 1,
        }),
      ),
    });
    const { sagas } = computeOverview(window, { stepMs: minute });
    expect(sagas.started).to.equal(3);
    expect(sagas.finishedByOutcome).to.deep.equal({ COMPLETED: 2, CANCELLED: 0 });
    expect(sagas.inStatus.NEEDS_ATTENTION).to.equal(1);
  });

  it('reads a counter that went down as a restart, not as negative throughput', () => {
    const window = new MetricWindow(15 * minute);
    window.add('orchestrator', {
      at: 0,
      samples: parsePrometheusText(
        orchestratorMetrics({ started: 500, completed: 400, cancelled: 50, buckets: [400, 450, 450, 450] }),
      ),
    });
    window.add('orchestrator', {
      at: minute,
      samples: parsePrometheusText(
        orchestratorMetrics({ started: 30, completed: 20, cancelled: 5, buckets: [20, 25, 25, 25] }),
      ),
    });
    const { sagas } = computeOverview(window, { stepMs: minute });
    expect(sagas.started).to.equal(30);
    expect(sagas.finishedByOutcome).to.deep.equal({ COMPLETED: 20, CANCELLED: 5 });
    expect(sagas.p50Seconds).to.be.closeTo(0.3125, 1e-9);
  });

  it('has no latency for a step in which no saga finished, and marks a service that cannot be read', () => {
    const window = new MetricWindow(15 * minute);
    const same = orchestratorMetrics({ started: 5, completed: 5, cancelled: 0, buckets: [5, 5, 5, 5] });
    window.add('orchestrator', { at: 0, samples: parsePrometheusText(same) });
    window.add('orchestrator', { at: minute, samples: parsePrometheusText(same) });
    window.failed('payment', minute, 'HTTP 401: needs a token');
    const overview = computeOverview(window, { stepMs: minute });
    expect(overview.sagas.series).to.deep.equal([
      {
        at: new Date(minute).toISOString(),
        startedPerMinute: 0,
        finishedPerMinute: 0,
        p50Seconds: null,
        p99Seconds: null,
      },
    ]);
    expect(overview.services.find((s) => s.service === 'payment')).to.deep.include({
      up: false,
      error: 'HTTP 401: needs a token',
      consumerLag: null,
      messagesPerMinute: null,
    });
  });
});
