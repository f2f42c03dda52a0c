import { parseArgs } from 'node:util';
import { loadConfig } from '@saga/config';
import { formatChaosResult, runChaos } from './chaos-run.ts';
import { parseDuration } from './duration.ts';

const USAGE = `usage: npm run test:chaos -- [--orders N] [--duration 150s|10m] [--seed N] [--drain-timeout 5m] [--infra-kills N]
       [--infrastructure stack|private] [--orchestrators N]
  (env: CHAOS_ORDERS, CHAOS_DURATION, CHAOS_SEED, CHAOS_INFRASTRUCTURE)`;

/**
 * `npm run test:chaos`: one chaos run with a summary; exits 0 when the checker found nothing wrong and
 * everything drained, 1 otherwise, 2 on bad arguments.
 */
async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        orders: { type: 'string', default: process.env.CHAOS_ORDERS ?? '120' },
        duration: { type: 'string', default: process.env.CHAOS_DURATION ?? '150s' },
        seed: { type: 'string', default: process.env.CHAOS_SEED ?? String(Date.now() % 1_000_000_007) },
        'drain-timeout': { type: 'string', default: '5m' },
        'infra-kills': { type: 'string' },
        infrastructure: { type: 'string', default: process.env.CHAOS_INFRASTRUCTURE ?? 'stack' },
        orchestrators: { type: 'string', default: '2' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const orders = Number(values.orders);
  const seed = Number(values.seed);
  const durationMs = parseDuration(values.duration);
  const drainTimeoutMs = parseDuration(values['drain-timeout']);
  if (!Number.isInteger(orders) || orders < 1 || !Number.isInteger(seed) || !durationMs || !drainTimeoutMs) {
    console.error(
      `invalid arguments: orders must be a positive whole number, seed a whole number, durations like 90s or 10m\n${USAGE}`,
    );
    return 2;
  }
  const orchestratorReplicas = Number(values.orchestrators);
  if (!Number.isInteger(orchestratorReplicas) || orchestratorReplicas < 1 || orchestratorReplicas > 4) {
    console.error(
      `--orchestrators must be a whole number from 1 to 4, not ${values.orchestrators}\n${USAGE}`,
    );
    return 2;
  }
  const infrastructure = values.infrastructure;
  if (infrastructure !== 'stack' && infrastructure !== 'private') {
    console.error(`--infrastructure must be stack or private, not ${infrastructure}\n${USAGE}`);
    return 2;
  }
  const maxInfrastructureKills =
    values['infra-kills'] === undefined
      ? Math.max(2, Math.floor(durationMs / 120_000))
      : Number(values['infra-kills']);
  const result = await runChaos({
    orders,
    durationMs,
    seed,
    drainTimeoutMs,
    maxInfrastructureKills,
    infrastructure,
    orchestratorReplicas,
    config: loadConfig(),
    log: (line) => {
      console.log(line);
    },
  });
  for (const line of formatChaosResult(result)) console.log(line);
  return result.passed ? 0 : 1;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error('chaos run failed:', error);
  return 1;
});
