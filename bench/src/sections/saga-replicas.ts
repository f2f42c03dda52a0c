import { addCorrectness } from '../correctness/correctness.ts';
import { burstSeconds } from '../estimate/reference-pace.ts';
import type { BenchSection } from '../section.ts';
import { OrchestratorReplica } from '../replicas/orchestrator-replica.ts';
import { benchPlatform } from '../saga/bench-platform.ts';
import { runBurst, type BurstOutcome } from '../saga/run-burst.ts';

/**
 * The same burst with one orchestrator (the stack's) and with two in its consumer group (the bench
 * starts the second beside it, and stops it after): what a replica adds. On this 2-core machine the
 * store and the other services share the cores with both, so the gain is small; the figure says what
 * it is. Both bursts are judged for correctness like every other.
 */
export const sagaReplicas: BenchSection = {
  name: 'saga-replicas',
  title: 'Saga throughput with 1 and 2 orchestrator replicas',
  // Two bursts, and about 15 s for the second replica to start and join (a grace of 5 s included).
  estimatedSeconds: (mode) => 2 * burstSeconds(burstOf(mode)) + 15,
  async run({ mode, config, progress }) {
    const count = burstOf(mode);
    const timeoutMs = mode === 'quick' ? 60_000 : 600_000;
    const client = benchPlatform(config);
    progress('1 orchestrator replica');
    const one = await runBurst(client, count, { timeoutMs, progress });
    progress('starting a second orchestrator replica');
    const replica = await OrchestratorReplica.start();
    let two: BurstOutcome;
    try {
      progress(`2 orchestrator replicas (the second at ${replica.url})`);
      two = await runBurst(client, count, { timeoutMs, progress });
    } finally {
      progress('stopping the second replica');
      await replica.stop();
    }
    const row = (replicas: number, burst: BurstOutcome) => ({
      name: `burst of ${count}, ${replicas} orchestrator replica${replicas === 1 ? '' : 's'}: sagas/s`,
      value: burst.figures.sagasPerSecond,
      unit: 'sagas/s',
      detail: {
        confirmed: burst.figures.confirmed,
        cancelled: burst.figures.cancelled,
        pending: burst.figures.pending,
        timedOut: burst.timedOut,
        latencyP50Ms: burst.figures.latencyMs.p50,
      },
    });
    return {
      section: 'saga-replicas',
      correctness: addCorrectness(one.correctness, two.correctness),
      rows: [row(1, one), row(2, two)],
    };
  },
};

function burstOf(mode: 'quick' | 'full'): number {
  return mode === 'quick' ? 100 : 1_000;
}
