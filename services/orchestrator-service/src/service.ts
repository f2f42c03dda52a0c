import { defineService, type ServiceDefinition } from '@saga/service-kit';
import { sagaHandlers } from './handlers/saga-handlers.ts';
import { mountSagaRoutes } from './http/saga-routes.ts';
import { sagaModel } from './model/saga-model.ts';
import { orderSagaBinding } from './order-saga-binding.ts';
import {
  createSagaManager,
  mongooseSagaStore,
  sagaTopics,
  type SagaManagerPolicy,
} from './saga-manager/index.ts';

export interface OrchestratorServiceOptions {
  /** Conflict retries and outbox-drain waits; the defaults suit production. */
  readonly policy?: SagaManagerPolicy;
}

/**
 * The orchestrator: the order saga run by the generic saga manager. It consumes order.created and the
 * saga's replies, publishes its commands through the sagas' outboxes, and shows sagas over HTTP.
 */
export function createOrchestratorService(options: OrchestratorServiceOptions = {}): ServiceDefinition {
  return defineService({
    name: 'orchestrator-service',
    port: (config) => config.services.orchestrator.port,
    ...sagaTopics(orderSagaBinding),
    models: (db) => [sagaModel(db)],
    handlers: (ctx) =>
      sagaHandlers(
        createSagaManager({
          binding: orderSagaBinding,
          store: mongooseSagaStore(sagaModel(ctx.db)),
          logger: ctx.logger,
          nudgeRelay: () => {
            ctx.relay.nudge();
          },
          ...(options.policy === undefined ? {} : { policy: options.policy }),
        }),
      ),
    routes: (router, ctx) => {
      mountSagaRoutes(router, { store: mongooseSagaStore(sagaModel(ctx.db)), auth: ctx.config.auth });
    },
  });
}

export const orchestratorService = createOrchestratorService();
