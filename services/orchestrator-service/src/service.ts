import { defineService, type ServiceContext, type ServiceDefinition } from '@saga/service-kit';
import { withPolicies, type PolicyOverrides } from '@saga/saga-engine';
import {
  createSagaManager,
  dropRetiredSagaIndexes,
  mongooseSagaStore,
  sagaModel,
  sagasCollection,
  sagaStatusCounts,
  sagaTopics,
  startDeadlineScheduler,
  type DeadlineScheduler,
  type DeadlineSchedulerPolicy,
} from '@saga/saga-runtime';
import { sagaHandlers } from './handlers/saga-handlers.ts';
import { mountSagaCompensateRoute } from './http/saga-compensate-route.ts';
import { mountSagaRetryRoute } from './http/saga-retry-route.ts';
import { mountSagaRoutes } from './http/saga-routes.ts';
import { listedDefinitionOf } from './http/saga-route-definition.ts';
import { orderSagaBinding } from './order-saga-binding.ts';
import packageJson from '../package.json' with { type: 'json' };
import { sagaOperations } from './http/saga-operations.ts';

export interface OrchestratorServiceOptions {
  /**
   * Deadlines and re-sends to use instead of the order saga's own (order-saga-policies.ts), by step
   * name, e.g. `{ processPayment: { command: { deadlineMs: 500, ... } } }`: how tests shorten them.
   * Checked when the service is created; an unknown step or a policy out of range throws.
   */
  readonly stepPolicies?: PolicyOverrides;
  /** How often the deadline scheduler may and must look for sagas past their deadline (default 5 s and 30 s). */
  readonly deadlineScheduler?: DeadlineSchedulerPolicy;
}

/**
 * The orchestrator: the order saga run by the generic saga manager. It consumes order.created and the
 * saga's replies, publishes its commands through the sagas' outboxes, re-sends or gives up on
 * commands whose deadline passed (a scheduler over the stored deadlines), and lists, shows, retries
 * and compensates sagas over HTTP.
 */
export function createOrchestratorService(options: OrchestratorServiceOptions = {}): ServiceDefinition {
  const binding =
    options.stepPolicies === undefined
      ? orderSagaBinding
      : { ...orderSagaBinding, definition: withPolicies(orderSagaBinding.definition, options.stepPolicies) };
  // One manager and one scheduler per running service, shared by handlers, scheduler and routes; the
  // manager tells the scheduler of every deadline it writes.
  const managers = new WeakMap<ServiceContext, ReturnType<typeof managerOf>>();
  const schedulers = new WeakMap<ServiceContext, DeadlineScheduler>();
  const wakers = new WeakMap<ServiceContext, () => void>();
  const managerOf = (ctx: ServiceContext) =>
    createSagaManager({
      binding,
      sagas: { apply: (sagaId, apply) => ctx.aggregates.apply(sagaModel(ctx.db), sagaId, apply) },
      logger: ctx.logger,
      observer: ctx.metrics.sagas,
      onDeadline: (deadlineAt) => {
        schedulers.get(ctx)?.notify(deadlineAt);
      },
    });
  const manager = (ctx: ServiceContext) => {
    let found = managers.get(ctx);
    if (!found) managers.set(ctx, (found = managerOf(ctx)));
    return found;
  };

  return defineService({
    name: 'orchestrator-service',
    port: (config) => config.services.orchestrator.port,
    ...sagaTopics(binding),
    models: (db) => [sagaModel(db)],
    // A saga is written under its key (the order id): replicas each write the sagas of their own keys.
    keyOfDocument: (collection, doc) => (collection === sagasCollection ? String(doc.key) : undefined),
    handlers: (ctx) => sagaHandlers(manager(ctx)),
    api: { version: packageJson.version, operations: sagaOperations(listedDefinitionOf(binding)) },
    routes: (router, ctx) => {
      const store = mongooseSagaStore(sagaModel(ctx.db));
      const saga = listedDefinitionOf(binding);
      mountSagaRetryRoute(router, {
        auth: ctx.config.auth,
        store,
        retry: (sagaId) => manager(ctx).retry(sagaId),
        owns: (key) => ctx.events.ownership.owns(key),
        stepTopics: saga.stepTopics,
      });
      mountSagaCompensateRoute(router, {
        auth: ctx.config.auth,
        store,
        compensate: (sagaId, request) => manager(ctx).compensate(sagaId, request),
        owns: (key) => ctx.events.ownership.owns(key),
        stepTopics: saga.stepTopics,
      });
      mountSagaRoutes(router, {
        store,
        auth: ctx.config.auth,
        saga,
      });
    },
    onStart: async (ctx) => {
      ctx.metrics.readSagaStatuses(sagaStatusCounts(sagaModel(ctx.db)));
      // A store an earlier version wrote may hold an index this one must not keep (see there).
      const dropped = await dropRetiredSagaIndexes(sagaModel(ctx.db));
      if (dropped.length > 0) ctx.logger.warn({ dropped }, 'dropped saga indexes an earlier version made');
      const scheduler = startDeadlineScheduler({
        store: mongooseSagaStore(sagaModel(ctx.db)),
        handleTimeout: (sagaId) => manager(ctx).handleTimeout(sagaId),
        logger: ctx.logger,
        owns: (key) => ctx.events.ownership.owns(key),
        ...(options.deadlineScheduler === undefined ? {} : { policy: options.deadlineScheduler }),
      });
      schedulers.set(ctx, scheduler);
      // Sagas gained from another replica may be past their deadline already.
      const stopWaking = ctx.events.ownership.onGained(() => {
        scheduler.notify(new Date());
      });
      wakers.set(ctx, stopWaking);
    },
    // Before the store closes, so no deadline is handled on a closing connection.
    onStop: async (ctx) => {
      wakers.get(ctx)?.();
      wakers.delete(ctx);
      await schedulers.get(ctx)?.stop();
      schedulers.delete(ctx);
    },
  });
}

export const orchestratorService = createOrchestratorService();
