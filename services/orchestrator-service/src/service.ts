import {
  defineService,
  type ServiceContext,
  type ServiceDefinition,
  type ServiceHandlers,
} from '@saga/service-kit';
import type { PolicyOverrides } from '@saga/saga-engine';
import {
  createSagaManager,
  dropRetiredSagaIndexes,
  mongooseSagaStore,
  sagaModel,
  sagasCollection,
  sagaStatusCounts,
  startDeadlineScheduler,
  type DeadlineScheduler,
  type DeadlineSchedulerPolicy,
  type SagaManager,
  type SagaStore,
} from '@saga/saga-runtime';
import type { TopicMessageMap, TopicName } from '@saga/contracts';
import { sagaHandlers } from './handlers/saga-handlers.ts';
import { mountSagaCompensateRoute } from './http/saga-compensate-route.ts';
import { mountSagaRetryRoute } from './http/saga-retry-route.ts';
import { mountSagaRoutes } from './http/saga-routes.ts';
import { listedDefinitionOf } from './http/saga-route-definition.ts';
import packageJson from '../package.json' with { type: 'json' };
import { sagaOperations } from './http/saga-operations.ts';
import { bindingTopics, sagaBindings, withStepPolicies } from './saga-bindings.ts';

export interface OrchestratorServiceOptions {
  /**
   * Deadlines and re-sends to use instead of the order saga's own (order-saga-policies.ts), by step
   * name, e.g. `{ processPayment: { command: { deadlineMs: 500, ... } } }`: how tests shorten them.
   * Checked when the service is created; an unknown step or a policy out of range throws.
   */
  readonly stepPolicies?: PolicyOverrides;
  /**
   * The same for any bound saga, by definition name, e.g. `{ return: { refundReturn: ... } }`
   * (return-saga-policies.ts); the order saga's here replace `stepPolicies`. The configuration's
   * SAGA_STEP_POLICIES apply over these, step by step.
   */
  readonly sagaStepPolicies?: Readonly<Record<string, PolicyOverrides>>;
  /** How often the deadline scheduler may and must look for sagas past their deadline (default 5 s and 30 s). */
  readonly deadlineScheduler?: DeadlineSchedulerPolicy;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each saga has its own data and reasons
type AnyManager = SagaManager<TopicMessageMap, any, any, TopicName>;

/**
 * The orchestrator: the bound sagas (saga-bindings.ts: the order saga and the return saga), each run
 * by its own generic saga manager over the one saga collection. It consumes each saga's starting
 * topic and replies, publishes their commands through the sagas' outboxes, re-sends or gives up on
 * commands whose deadline passed (a scheduler over the stored deadlines, which hands each saga to its
 * definition's manager), and lists, shows, retries and compensates sagas of every definition over HTTP.
 */
export function createOrchestratorService(options: OrchestratorServiceOptions = {}): ServiceDefinition {
  const bindings = withStepPolicies(sagaBindings, {
    ...(options.stepPolicies === undefined ? {} : { order: options.stepPolicies }),
    ...options.sagaStepPolicies,
  });
  const topics = bindingTopics(bindings);
  // One manager per saga and one scheduler per running service, shared by handlers, scheduler and
  // routes; the managers tell the scheduler of every deadline they write.
  const managers = new WeakMap<ServiceContext, ReadonlyMap<string, AnyManager>>();
  const schedulers = new WeakMap<ServiceContext, DeadlineScheduler>();
  const wakers = new WeakMap<ServiceContext, () => void>();
  // The deployment's own deadlines and re-sends (SAGA_STEP_POLICIES) over the options': checked here,
  // as the service starts, so a policy naming no saga or step stops it with the name.
  const managersOf = (ctx: ServiceContext) =>
    new Map(
      withStepPolicies(bindings, ctx.config.services.orchestrator.stepPolicies).map(
        (binding): [string, AnyManager] => [
          binding.definition.name,
          createSagaManager({
            binding,
            sagas: { apply: (sagaId, apply) => ctx.aggregates.apply(sagaModel(ctx.db), sagaId, apply) },
            logger: ctx.logger,
            observer: ctx.metrics.sagas,
            onDeadline: (deadlineAt) => {
              schedulers.get(ctx)?.notify(deadlineAt);
            },
          }),
        ],
      ),
    );
  const managersFor = (ctx: ServiceContext) => {
    let found = managers.get(ctx);
    if (!found) managers.set(ctx, (found = managersOf(ctx)));
    return found;
  };
  /** The manager of a stored saga's definition, found by reading the saga: for the operators' routes. */
  const managerOfSaga = async (ctx: ServiceContext, store: SagaStore, sagaId: string) => {
    const saga = await store.findById(sagaId);
    return saga ? managersFor(ctx).get(saga.saga) : undefined;
  };
  const definitions = bindings.map((binding) => listedDefinitionOf(binding));
  const stepTopics = (saga: string) => definitions.find((definition) => definition.name === saga)?.stepTopics;

  return defineService({
    name: 'orchestrator-service',
    port: (config) => config.services.orchestrator.port,
    ...topics,
    models: (db) => [sagaModel(db)],
    // A saga is written under its key (the order id): replicas each write the sagas of their own keys.
    keyOfDocument: (collection, doc) => (collection === sagasCollection ? String(doc.key) : undefined),
    // Each consumed topic is one saga's (bindingTopics checks), so the handlers do not overlap.
    handlers: (ctx): ServiceHandlers =>
      Object.fromEntries(
        [...managersFor(ctx).values()].flatMap((manager) => Object.entries(sagaHandlers(manager))),
      ),
    api: { version: packageJson.version, operations: sagaOperations(definitions) },
    routes: (router, ctx) => {
      const store = mongooseSagaStore(sagaModel(ctx.db));
      mountSagaRetryRoute(router, {
        auth: ctx.config.auth,
        store,
        retry: async (sagaId) =>
          (await managerOfSaga(ctx, store, sagaId))?.retry(sagaId) ?? { kind: 'UNKNOWN_SAGA' },
        owns: (key) => ctx.events.ownership.owns(key),
        stepTopics,
      });
      mountSagaCompensateRoute(router, {
        auth: ctx.config.auth,
        store,
        compensate: async (sagaId, request) =>
          (await managerOfSaga(ctx, store, sagaId))?.compensate(sagaId, request) ?? { kind: 'UNKNOWN_SAGA' },
        owns: (key) => ctx.events.ownership.owns(key),
        stepTopics,
      });
      mountSagaRoutes(router, { store, auth: ctx.config.auth, sagas: definitions });
    },
    onStart: async (ctx) => {
      ctx.metrics.readSagaStatuses(sagaStatusCounts(sagaModel(ctx.db)));
      // A store an earlier version wrote may hold an index this one must not keep (see there).
      const dropped = await dropRetiredSagaIndexes(sagaModel(ctx.db));
      if (dropped.length > 0) ctx.logger.warn({ dropped }, 'dropped saga indexes an earlier version made');
      const scheduler = startDeadlineScheduler({
        store: mongooseSagaStore(sagaModel(ctx.db)),
        handleTimeout: async (sagaId, saga) =>
          (await managersFor(ctx).get(saga)?.handleTimeout(sagaId)) ?? { kind: 'UNKNOWN_SAGA' },
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
