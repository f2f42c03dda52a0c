import { expect } from 'chai';
import { createPlatformMetrics } from '../src/platform-metrics.ts';
import { metricNames } from '../src/metric-names.ts';

/** The value of one series in the text exposition, or undefined when it is not there. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('createPlatformMetrics', () => {
  it('registers every platform metric and the default process metrics in a registry of its own', async () => {
    const metrics = createPlatformMetrics();
    const names = (await metrics.registry.getMetricsAsJSON()).map((m) => m.name);
    expect(names).to.include.members(Object.values(metricNames));
    expect(names).to.include('process_cpu_user_seconds_total');
    // Two services in one process: each has its own counters.
    const other = createPlatformMetrics();
    metrics.sagas.started();
    expect(sample(await other.text(), 'saga_started_total')).to.equal(0);
    expect(sample(await metrics.text(), 'saga_started_total')).to.equal(1);
  });

  it('counts sagas started and finished by outcome, with their durations', async () => {
    const metrics = createPlatformMetrics();
    metrics.sagas.started();
    metrics.sagas.finished('COMPLETED', 1.5);
    metrics.sagas.finished('PAYMENT_DECLINED', 0.5);
    metrics.sagas.stepSettled('reserveStock', 0.2);
    metrics.sagas.deadlineResent('processPayment');
    const text = await metrics.text();
    expect(sample(text, 'saga_finished_total{outcome="COMPLETED"}')).to.equal(1);
    expect(sample(text, 'saga_finished_total{outcome="PAYMENT_DECLINED"}')).to.equal(1);
    expect(sample(text, 'saga_duration_seconds_count')).to.equal(2);
    expect(sample(text, 'saga_duration_seconds_sum')).to.equal(2);
    expect(sample(text, 'saga_step_duration_seconds_count{step="reserveStock"}')).to.equal(1);
    expect(sample(text, 'saga_deadline_resends_total{step="processPayment"}')).to.equal(1);
  });

  it('counts messages by topic and outcome; a dead letter counts in both of its metrics', async () => {
    const metrics = createPlatformMetrics();
    metrics.messages.handled('order.created', 'applied');
    metrics.messages.handled('order.created', 'duplicate');
    metrics.messages.handled('order.created', 'failed');
    metrics.messages.deadLettered('order.created');
    metrics.messages.attempted('order.created', 0.003);
    const text = await metrics.text();
    for (const outcome of ['applied', 'duplicate', 'failed', 'dead_lettered'])
      expect(sample(text, `messages_handled_total{topic="order.created",outcome="${outcome}"}`)).to.equal(1);
    expect(sample(text, 'dead_letters_total{topic="order.created"}')).to.equal(1);
    expect(sample(text, 'message_handle_duration_seconds_count{topic="order.created"}')).to.equal(1);
  });

  it('labels HTTP requests by route template, method and status; odd methods share one label', async () => {
    const metrics = createPlatformMetrics();
    metrics.http.request('/orders/:id', 'GET', 200, 0.01);
    metrics.http.request('unmatched', 'BREW', 404, 0.01);
    const text = await metrics.text();
    expect(
      sample(text, 'http_request_duration_seconds_count{route="/orders/:id",method="GET",status="200"}'),
    ).to.equal(1);
    expect(
      sample(text, 'http_request_duration_seconds_count{route="unmatched",method="OTHER",status="404"}'),
    ).to.equal(1);
  });

  it('reads sagas per status, consumer lag and the outbox at scrape time, from what it is given', async () => {
    const metrics = createPlatformMetrics();
    let statusReads = 0;
    metrics.readSagaStatuses(() => {
      statusReads += 1;
      return Promise.resolve({ RUNNING: 2, COMPLETED: 5 });
    });
    metrics.readConsumerLag(() => Promise.resolve([{ topic: 'order.created', partition: 1, lag: 3 }]));
    metrics.readOutbox(() => ({ entries: 4, oldestCreatedAt: new Date(Date.now() - 10_000) }));
    const text = await metrics.text();
    expect(sample(text, 'sagas_in_status{status="RUNNING"}')).to.equal(2);
    expect(sample(text, 'sagas_in_status{status="COMPLETED"}')).to.equal(5);
    expect(sample(text, 'kafka_consumer_lag{topic="order.created",partition="1"}')).to.equal(3);
    expect(sample(text, 'outbox_pending')).to.equal(4);
    expect(sample(text, 'outbox_oldest_age_seconds')).to.be.within(9.9, 11);
    await metrics.text();
    expect(statusReads, 'a second scrape within the cache reads nothing').to.equal(1);
  });

  it('reports an empty outbox as 0 pending and age 0, and a failed reading to onReadingError', async () => {
    const failures: string[] = [];
    const metrics = createPlatformMetrics({ onReadingError: (metric) => failures.push(metric) });
    metrics.readSagaStatuses(() => Promise.reject(new Error('store away')));
    const text = await metrics.text();
    expect(sample(text, 'outbox_pending')).to.equal(0);
    expect(sample(text, 'outbox_oldest_age_seconds')).to.equal(0);
    expect(failures).to.deep.equal(['sagas_in_status']);
  });

  it('adds the default labels to every series', async () => {
    const metrics = createPlatformMetrics({ defaultLabels: { service: 'order-service' } });
    metrics.sagas.started();
    expect(sample(await metrics.text(), 'saga_started_total{service="order-service"}')).to.equal(1);
  });
});
