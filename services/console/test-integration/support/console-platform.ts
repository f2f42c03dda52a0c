import { inventoryService } from '@saga/inventory-service/src/service.ts';
import { createOrchestratorService } from '@saga/orchestrator-service/src/service.ts';
import { orderService } from '@saga/order-service/src/service.ts';
import { paymentService } from '@saga/payment-service/src/service.ts';
import type { StepPolicy } from '@saga/saga-engine';
import { runService, type RunningService, type ServiceDefinition } from '@saga/service-kit';
import { createTestNamespace, quietLogger, type TestNamespace } from '@saga/testing';
import { runConsole, type RunningConsole } from '../../src/run-console.ts';

/**
 * Two sends of order.cancel, three seconds apart: an order the order-service does not know is never
 * acknowledged, so its saga gives up and NEEDS_ATTENTION within seconds, as a stuck one would in hours.
 */
const brief: StepPolicy = {
  deadlineMs: 3_000,
  maxAttempts: 2,
  backoff: { multiplier: 1, maxDeadlineMs: 3_000, jitter: 0 },
};

/** The four services and the console, in-process, in a test namespace of their own. */
export interface ConsolePlatform {
  readonly ns: TestNamespace;
  readonly services: {
    readonly order: RunningService;
    readonly orchestrator: RunningService;
    readonly inventory: RunningService;
    readonly payment: RunningService;
  };
  readonly console: RunningConsole;
  close(): Promise<void>;
}

export async function startConsolePlatform(suite: string): Promise<ConsolePlatform> {
  const ns = await createTestNamespace(suite);
  const start = async (name: string, definition: ServiceDefinition) => {
    const service = await runService(definition, {
      ...ns.serviceOptions(name),
      env: { ...ns.env, LOG_LEVEL: 'warn' },
    });
    ns.cleanup(() => service.stop());
    return service;
  };
  try {
    const [order, orchestrator, inventory, payment] = await Promise.all([
      start('order-service', orderService),
      start(
        'orchestrator-service',
        createOrchestratorService({
          stepPolicies: { 'order.cancel': { command: brief } },
          deadlineScheduler: { minIntervalMs: 100, maxIntervalMs: 1_000, batchSize: 50 },
        }),
      ),
      start('inventory-service', inventoryService()),
      start('payment-service', paymentService),
    ]);
    const console = await runConsole({
      env: ns.env,
      port: 0,
      host: '127.0.0.1',
      urls: {
        order: order.url,
        orchestrator: orchestrator.url,
        inventory: inventory.url,
        payment: payment.url,
      },
      logger: quietLogger('console'),
      scrapeEveryMs: 1_000,
      stepMs: 5_000,
      handleSignals: false,
    });
    ns.cleanup(() => console.stop());
    return {
      ns,
      services: { order, orchestrator, inventory, payment },
      console,
      close: () => ns.close(),
    };
  } catch (error) {
    await ns.close();
    throw error;
  }
}
