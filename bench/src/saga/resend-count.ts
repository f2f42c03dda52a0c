import type { BenchPlatform } from './bench-platform.ts';

interface SagaView {
  readonly history?: readonly { readonly direction: string; readonly topic: string }[];
}

/**
 * How many commands the orchestrator sent for these orders, and how many of them were re-sends
 * (a deadline passed before the reply came), from each saga's history as GET /sagas shows it: a
 * topic sent more than once for one saga is a re-send. Reads at most `sample` sagas, spread over
 * the orders, so the count costs the platform little.
 */
export async function countResends(
  client: BenchPlatform,
  orderIds: readonly string[],
  sample = 300,
): Promise<{ sagas: number; commands: number; resends: number }> {
  const step = Math.max(1, Math.floor(orderIds.length / sample));
  const chosen = orderIds.filter((_, i) => i % step === 0).slice(0, sample);
  let commands = 0;
  let resends = 0;
  for (const orderId of chosen) {
    const saga = (await client.api.getSagaOfOrder(orderId)).body as unknown as SagaView;
    const sent = (saga.history ?? [])
      .filter((entry) => entry.direction === 'SENT')
      .map((entry) => entry.topic);
    commands += sent.length;
    resends += sent.length - new Set(sent).size;
  }
  return { sagas: chosen.length, commands, resends };
}
