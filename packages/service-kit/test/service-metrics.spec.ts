import { expect } from 'chai';
import { createServiceMetrics } from '../src/index.ts';
import { memoryLogger } from './support/memory-logger.ts';

/** The value of one series in the text exposition, or undefined when it is not there. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('createServiceMetrics', () => {
  const service = () => createServiceMetrics({ service: 'test-service', logger: memoryLogger().logger });
  const handled = (topic: string, outcome: string) =>
    `messages_handled_total{topic="${topic}",outcome="${outcome}",service="test-service"}`;
  const context = (id: string) => ({ id, topic: 'order.created' });

  it('counts a handled message as applied, or as duplicate when the runtime found it applied before', async () => {
    const metrics = service();
    const handler = metrics.measured((_value, { id }: { id: string; topic: string }) => {
      metrics.onMessage(id, id === 'again' ? 'duplicate' : 'applied');
      return Promise.resolve();
    });
    await handler({}, context('new'));
    await handler({}, context('again'));
    const text = await metrics.registry.text();
    expect(sample(text, handled('order.created', 'applied'))).to.equal(1);
    expect(sample(text, handled('order.created', 'duplicate'))).to.equal(1);
    expect(
      sample(text, 'message_handle_duration_seconds_count{service="test-service",topic="order.created"}'),
    ).to.equal(2);
  });

  it('times a handling that throws, and leaves its outcome to the event client (failed or dead_lettered)', async () => {
    const metrics = service();
    const handler = metrics.measured(() => Promise.reject(new Error('store away')));
    await handler({}, context('m')).catch(() => undefined);
    metrics.deliveries.failed('order.created');
    metrics.deliveries.deadLettered('order.created');
    const text = await metrics.registry.text();
    expect(sample(text, handled('order.created', 'applied'))).to.equal(undefined);
    expect(sample(text, handled('order.created', 'failed'))).to.equal(1);
    expect(sample(text, handled('order.created', 'dead_lettered'))).to.equal(1);
    expect(sample(text, 'dead_letters_total{topic="order.created",service="test-service"}')).to.equal(1);
    expect(
      sample(text, 'message_handle_duration_seconds_count{service="test-service",topic="order.created"}'),
    ).to.equal(1);
  });

  it('reads the outbox backlog from the relay and the lag from the consumer at scrape time', async () => {
    const metrics = service();
    metrics.read({
      relay: { backlog: () => ({ entries: 2, oldestCreatedAt: new Date() }) },
      consumerLag: () => Promise.resolve([{ topic: 'order.created', partition: 0, lag: 7 }]),
    });
    const text = await metrics.registry.text();
    expect(sample(text, 'outbox_pending{service="test-service"}')).to.equal(2);
    expect(
      sample(text, 'kafka_consumer_lag{topic="order.created",partition="0",service="test-service"}'),
    ).to.equal(7);
  });
});
