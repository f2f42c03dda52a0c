import type Router from '@koa/router';
import { mountDeadLetterRoutes } from '../dead-letters/dead-letter-routes.ts';
import type { ServiceContext, ServiceDefinition } from './service-definition.ts';

/**
 * Mounts what a service answers besides health and metrics: the dead-letter routes, then the
 * service's own. One function for the running service and for reading its routes without running it
 * (offline-routes.ts), so the OpenAPI check sees exactly what runs.
 */
export function serviceRoutes(
  definition: ServiceDefinition,
  context: ServiceContext,
): (router: Router) => void {
  return (router) => {
    // Admin-only: without admin tokens nobody could call them, so they are not mounted at all.
    if (definition.consumes.length > 0 && context.config.auth.adminTokens.length > 0) {
      mountDeadLetterRoutes(router, {
        auth: context.config.auth,
        store: context.events.deadLetters,
        consumes: definition.consumes,
        logger: context.logger,
      });
    }
    definition.routes?.(router, context);
  };
}
