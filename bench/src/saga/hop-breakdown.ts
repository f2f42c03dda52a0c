import { percentiles } from '../stats/percentiles.ts';
import type { OrderSummary, BenchPlatform } from './bench-platform.ts';

interface SagaTimeline {
  readonly createdAt?: string;
  readonly updatedAt?: string;
  readonly steps?: readonly {
    readonly name: string;
    readonly startedAt?: string;
    readonly endedAt?: string;
  }[];
  readonly history?: readonly { readonly direction: string; readonly topic?: string; readonly at: string }[];
}

/**
 * Where one order's time goes, from the timestamps the platform keeps: the order's own (stored,
 * ended) and its saga's (started, each step's start and end, finished). Per stage, the median over
 * the orders, in ms:
 * - `order stored → saga started`: the order's outbox relay, Kafka, the orchestrator's consume;
 * - one stage per saga step: the command's relay and trip, the participant's work, the reply's trip;
 * - `saga decided → order ended`: order.confirm's relay and trip, the order service's write (the saga
 *   itself ends later, on the order's acknowledgement).
 */
export async function hopBreakdown(
  client: BenchPlatform,
  orders: readonly OrderSummary[],
  sample = 50,
): Promise<{ stage: string; p50: number }[]> {
  const stages = new Map<string, number[]>();
  const add = (stage: string, from?: string, to?: string) => {
    if (!from || !to) return;
    const samples = stages.get(stage) ?? [];
    samples.push(Date.parse(to) - Date.parse(from));
    stages.set(stage, samples);
  };
  for (const order of orders.filter((o) => o.status === 'CONFIRMED').slice(0, sample)) {
    const saga = (await client.api.getSagaOfOrder(order.orderId)).body as unknown as SagaTimeline;
    add('order stored → saga started', order.createdAt, saga.createdAt);
    for (const step of saga.steps ?? []) add(`step ${step.name}`, step.startedAt, step.endedAt);
    const confirmSent = saga.history?.find(
      (entry) => entry.direction === 'SENT' && entry.topic === 'order.confirm',
    );
    add('saga decided → order ended', confirmSent?.at, order.updatedAt);
  }
  return [...stages].map(([stage, samples]) => ({ stage, p50: percentiles(samples).p50 }));
}
